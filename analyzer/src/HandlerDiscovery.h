// Which functions a registration call's arguments can run: a function name or pointer, a lambda
// (inline, in a variable, or returned by a factory), a std::function, a functor object, a
// std::bind of a member function, a parameter of a wrapper around the registration, or every
// callable stored in a map the handler is picked from at run time.
#pragma once

#include "TuState.h"

namespace coldstart::analyzer::detail {

/// Records a handler root for every callable the registration calls S.Registrations[From...]
/// can receive, and returns the index past the last one handled.
size_t discoverRegisteredHandlers(TuState &S, size_t From);

} // namespace coldstart::analyzer::detail
