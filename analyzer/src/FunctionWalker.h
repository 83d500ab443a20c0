// Walks one function body and records what it does per call: call edges, resource sites, and
// whether each happens in a once-only context (static initializer, std::call_once, lazy-init
// guard). Also records the facts handler discovery needs.
#pragma once

#include "TuState.h"

namespace coldstart::analyzer::detail {

void walkFunction(TuState &S, const clang::FunctionDecl *FD);

} // namespace coldstart::analyzer::detail
