// Walks one function body and records what it does per call: call edges, resource sites, and
// whether each happens in a once-only context (static initializer, std::call_once, lazy-init
// guard). Also records the facts handler discovery needs.
#pragma once

#include "TuState.h"

namespace coldstart::analyzer::detail {

void walkFunction(TuState &S, const clang::FunctionDecl *FD);
/// Walks the dynamic initializer of a variable with static storage at namespace or class scope.
void walkStaticInitializer(TuState &S, const clang::VarDecl *VD);

} // namespace coldstart::analyzer::detail
