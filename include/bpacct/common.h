/**
 * @file bpacct/common.h
 * @brief Export, calling-convention and declaration macros shared by every
 *        bpacct header.
 * @defgroup bpacct_common Common macros
 * @{
 *
 * Every public function is declared with #BPACCT_API so that the shared
 * library exports exactly the documented symbols (it is built with
 * `-fvisibility=hidden` and a linker version script).  Public headers are
 * C89-clean so that any C or C++ compiler, and any FFI generator, reads them.
 */
#ifndef BPACCT_COMMON_H
#define BPACCT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(BPACCT_DOXYGEN)
/** Marks a function as part of the public, exported API: default
 *  visibility on GCC and Clang, dllexport/dllimport on Windows (keyed on
 *  `BUILDING_BPACCT` and `BPACCT_STATIC`). */
#define BPACCT_API
/** Declares a pointer to a host callback with the library's calling
 *  convention: `int BPACCT_CALLBACK(fn)(int a, void *userdata);`.
 *  @param name the member or variable name. */
#define BPACCT_CALLBACK(name) (*name)
/** Marks a symbol deprecated since release @p since.
 *  @param since the release that deprecated it.
 *  @param msg what to use instead. */
#define BPACCT_DEPRECATED(since, msg)
/** Opens a block of declarations with C linkage (C++). */
#define BPACCT_BEGIN_DECL
/** Closes a block opened by #BPACCT_BEGIN_DECL. */
#define BPACCT_END_DECL
#else
#if defined(BUILDING_BPACCT) && defined(BPACCT_STATIC)
#error "BUILDING_BPACCT and BPACCT_STATIC must not both be defined"
#endif

#if defined(_WIN32) && !defined(BPACCT_STATIC)
#if defined(BUILDING_BPACCT)
#define BPACCT_API __declspec(dllexport)
#else
#define BPACCT_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define BPACCT_API __attribute__((visibility("default")))
#else
#define BPACCT_API
#endif

#if defined(_WIN32)
#define BPACCT_CALLBACK(name) (__cdecl *name)
#else
/* name is a declarator, not an expression: it cannot be parenthesized. */
#define BPACCT_CALLBACK(name) (*name) /* NOLINT(bugprone-macro-parentheses) */
#endif

#if defined(__GNUC__) && !defined(BPACCT_NO_DEPRECATION_WARNINGS)
#define BPACCT_DEPRECATED(since, msg) \
	__attribute__((deprecated("since " #since ": " msg)))
#else
#define BPACCT_DEPRECATED(since, msg)
#endif

#ifdef __cplusplus
#define BPACCT_BEGIN_DECL extern "C" {
#define BPACCT_END_DECL }
#else
#define BPACCT_BEGIN_DECL
#define BPACCT_END_DECL
#endif

#endif /* BPACCT_DOXYGEN */

BPACCT_BEGIN_DECL

/** Languages of the texts the library returns (reasons, names, bases). */
typedef enum bpacct_lang {
	/** Vietnamese (tiếng Việt), UTF-8. */
	BPACCT_LANG_VI = 1,
	/** English. */
	BPACCT_LANG_EN = 2
} bpacct_lang;

/** An instant that means "none" (never used, not set). */
#define BPACCT_INSTANT_NONE INT64_MIN

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_COMMON_H */
