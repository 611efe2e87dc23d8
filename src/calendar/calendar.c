/* placeholder: written by its module */
typedef int bpacct__placeholder_calendar;
