// Names the code spells that Clang could not resolve, because a header is missing or an SDK is
// not installed. Clang drops such a declaration or call from the AST; the source pass still
// recognises a listed type or function by the name as written, read from the tokens.
#pragma once

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace coldstart::analyzer::detail {

/// One use of a name that does not resolve: how it is used, as far as the tokens around it say.
struct SpelledUse {
  enum class Use {
    Construction, // `T name(...)`, `T name;`, `T(...)`, `T{...}`, `new T`, `make_shared<T>(...)`
    Call,         // `f(...)`, `ns::f<...>(...)`
  };
  Use What = Use::Construction;
  std::string Name; // as written, without a leading "::": "Aws::S3::S3Client"
  /// For a template argument, the template it is given to ("Aws::MakeShared"): a construction
  /// only when that is an allocation factory.
  std::string Factory;
  clang::SourceLocation Begin; // the name's first token
  clang::SourceLocation End;   // the last token of the use (the declarator or the name)
  bool Static = false;         // in a declaration marked static or thread_local
};

/// The uses, in Body, of qualified or plain names that do not resolve from the translation
/// unit's scope, outside the Skip ranges (nested lambdas and local classes, which are functions
/// of their own). Only the file text is read: nothing in a macro expansion.
std::vector<SpelledUse> unresolvedUses(const clang::ASTContext &Ctx, clang::SourceRange Body,
                                       llvm::ArrayRef<clang::SourceRange> Skip);

/// Whether Name ("A::B::c") names a declaration, looked up component by component from the
/// translation unit (namespaces, classes, aliases). Anything the lookup cannot follow (a
/// dependent or typedef'd scope) counts as resolving: only a name that certainly has no
/// declaration is reported by its spelling.
bool resolvesFromTranslationUnit(const clang::ASTContext &Ctx, llvm::StringRef Name);

} // namespace coldstart::analyzer::detail
