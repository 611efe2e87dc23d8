/**
 * @file bpacct/bpacct.h
 * @brief The umbrella header: include this one.
 *
 * bpacct runs the lifecycle of electronic accounts (active → locked →
 * cancelled) under two Vietnamese procedures, BP (Border Guard, land border
 * gates) and XNC (Immigration Department), with deadlines computed under
 * Vietnamese law.  See README.md and docs/ for the whole picture.
 */
#ifndef BPACCT_H
#define BPACCT_H

#include "common.h"
#include "bpacct/version.h"
#include "errors.h"
#include "alloc.h"
#include "civil.h"
#include "lunar.h"
#include "calendar.h"
#include "sessions.h"
#include "period.h"
#include "deadline.h"
#include "reason.h"
#include "ids.h"
#include "profile.h"
#include "lifecycle.h"
#include "engine.h"

#endif /* BPACCT_H */
