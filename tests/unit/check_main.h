/*
 * The main() of every unit test: runs the suite built by the given function
 * and prints TAP on stdout, one line per test case, for the automake TAP
 * driver.  Usage, at the end of a check_<module>.c:
 *
 *   CHECK_MAIN(ticket_suite)
 */
#ifndef ASPIRASI_CHECK_MAIN_H
#define ASPIRASI_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(suite_fn)                                                                       \
    int main(void)                                                                                 \
    {                                                                                              \
        SRunner *sr = srunner_create(suite_fn());                                                  \
        int failed;                                                                                \
        srunner_set_tap(sr, "-");                                                                  \
        srunner_run_all(sr, CK_SILENT);                                                            \
        failed = srunner_ntests_failed(sr);                                                        \
        srunner_free(sr);                                                                          \
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                          \
    }

#endif
