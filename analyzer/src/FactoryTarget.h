// Which constructor of T an allocation factory instantiation (std::make_shared<T>,
// Aws::MakeShared<T>) ends up running, found by searching the instantiated factory body and the
// instantiations it calls.
#pragma once

#include "clang/AST/DeclCXX.h"

#include <vector>

namespace coldstart::analyzer::detail {

/// The constructors of Record that Factory's instantiation runs; when the search cannot see the
/// construction (a factory defined out of sight), every user constructor that is not a copy or
/// move, so that a wrapper built through the factory is still followed.
std::vector<const clang::CXXConstructorDecl *>
constructorsRunBy(const clang::FunctionDecl *Factory, const clang::CXXRecordDecl *Record);

} // namespace coldstart::analyzer::detail
