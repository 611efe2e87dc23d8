/* placeholder */
typedef int bpacct__tool_placeholder_cmd_lunar;
