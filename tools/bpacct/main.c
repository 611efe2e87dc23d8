/* placeholder */
typedef int bpacct__tool_placeholder_main;
int main(void) { return 0; }
