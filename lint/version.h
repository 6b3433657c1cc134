/* version.h — the one place the version is written. */
#ifndef JXL_VERSION_H
#define JXL_VERSION_H
#define JXLINT_VERSION "0.1.0"
#endif
