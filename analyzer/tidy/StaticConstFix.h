// The one rewrite the checks offer as a fix-it: a local variable that is built from constants,
// never modified, and of an immutable value type becomes a function-local `static const`, so it
// is built on the first invocation and reused by every later one. Everything else gets no
// fix-it: moving a client into init needs a decision about where it lives, and the message and
// its "fix:" note say what to do.
#pragma once

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>

namespace clang {
class ASTContext;
class CXXConstructExpr;
class VarDecl;
} // namespace clang

namespace coldstart::tidy {

/// Finds, for a construction reported at some location, whether making its variable a
/// `static const` is safe. All of these must hold:
/// - the construction is the whole initializer of a local variable declared alone in a block
///   (not a parameter, condition, init-statement, static, thread_local or constexpr variable);
/// - the variable's type is one of the immutable value types below, exactly (no subclass):
///   `std::basic_regex`, `boost::basic_regex`, `re2::RE2`. Their const member functions are
///   safe to call from any thread and their destructors touch nothing outside the object, so
///   sharing one object between invocations and destroying it at exit changes no behaviour
///   (unlike an SDK client, whose destructor must run before Aws::ShutdownAPI);
/// - every constructor argument is a constant (literals, enumerators, constant expressions), so
///   nothing of the request or of earlier statements flows into it;
/// - the variable is already const, or nothing in its function modifies it (clang's
///   ExprMutationAnalyzer) and no nested lambda or block refers to it;
/// - the declaration is written outside macros, in a function that is neither constexpr nor a
///   template or part of one (one spelling would serve several instantiations), and the
///   language guarantees thread-safe static initialization (no -fno-threadsafe-statics).
/// A constructor that throws (an invalid pattern) throws on every call either way: a static
/// whose initialization threw is initialized again on the next call.
class StaticConstFixer {
public:
  explicit StaticConstFixer(clang::ASTContext &Context) : Context(Context) {}

  /// The insertion that makes the variable constructed at Where a `static const`, or nullopt.
  std::optional<clang::FixItHint> fixFor(clang::SourceLocation Where);

private:
  void buildIndex();
  bool isSafe(const clang::VarDecl *Var, const clang::CXXConstructExpr *Construct) const;

  clang::ASTContext &Context;
  bool Indexed = false;
  /// Local variables of the listed types by the location of their construction.
  llvm::DenseMap<clang::SourceLocation,
                 std::pair<const clang::VarDecl *, const clang::CXXConstructExpr *>>
      ByConstruction;
};

} // namespace coldstart::tidy
