// The per-translation-unit summary: what one TU says about handlers, calls and resource
// constructions, as plain values with no Clang types. Summaries of many TUs are joined
// (Join.h) to find what every handler reaches; the standalone `coldstart lint` joins all the
// files it is given, the clang-tidy plugin joins just its own TU.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace coldstart::analyzer {

/// A place in a source file: 1-based line and column of the spelling (macro expansions are
/// reported where the macro is used).
struct SourcePoint {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool valid() const { return Line != 0; }
  friend bool operator==(const SourcePoint &A, const SourcePoint &B) {
    return A.Line == B.Line && A.Column == B.Column && A.File == B.File;
  }
  friend bool operator<(const SourcePoint &A, const SourcePoint &B) {
    if (A.File != B.File)
      return A.File < B.File;
    if (A.Line != B.Line)
      return A.Line < B.Line;
    return A.Column < B.Column;
  }
};

/// The Index-th parameter of a function (by summary id). Request data flows through these:
/// a handler's parameters carry the request, and an argument built from a tainted parameter
/// taints the callee's parameter.
struct ParamRef {
  std::string Function;
  unsigned Index = 0;

  friend bool operator==(const ParamRef &A, const ParamRef &B) {
    return A.Index == B.Index && A.Function == B.Function;
  }
  friend bool operator<(const ParamRef &A, const ParamRef &B) {
    return A.Function != B.Function ? A.Function < B.Function : A.Index < B.Index;
  }
};

/// A function (or lambda call operator, constructor, template instantiation) seen in the TU.
/// Id is the Clang USR, so the same function has the same id in every TU that sees it; lambdas
/// and other entities without a stable USR get one made of their file and offset.
struct FunctionSummary {
  std::string Id;
  std::string Name;       // for messages: "handler", "Storage::Storage", "lambda at main.cpp:9:24"
  SourcePoint Definition; // invalid when only declared in this TU
  std::vector<std::string> ParamNames;
  /// An instantiation of a library template (a system header: a DI container, std::optional)
  /// walked because the user's code instantiated it with one of its own or a listed type. What
  /// it builds is reported where the user's code called into the library.
  bool Library = false;
  /// The type template arguments of the function and of the class templates it is a member of
  /// (canonical spellings): a call made in `get<S3Client>` dispatches to the registration of
  /// S3Client, not to every registration.
  std::vector<std::string> TypeArgs;
};

/// A virtual member function of a class, and the methods it overrides directly.
struct VirtualMethod {
  std::string Id;
  std::string Name;
  std::vector<std::string> Overrides;
};

/// A polymorphic class: the class hierarchy the join dispatches virtual calls over.
struct ClassSummary {
  std::string Id; // the class's USR (file and offset for local classes)
  std::string Name;
  std::vector<std::string> Bases;
  std::vector<VirtualMethod> Methods;
  std::vector<std::string> TypeArgs; // as FunctionSummary::TypeArgs
};

enum class EdgeKind {
  Call,      // a call to a function, member function or operator
  Construct, // a constructor run by a construction (locals, temporaries, new, members, bases)
  Factory,   // a constructor run through an allocation factory (std::make_shared<T>)
  Lambda,    // a lambda created here: its body runs whenever the closure is called
  Reference, // a function named without being called (std::thread(worker), &Class::method)
};

/// What the callee's `this` is, seen from the caller: the join tells from it whether an object
/// that keeps something under a lazy-init guard is itself built per invocation.
enum class ObjectKind {
  None,     // not a member function call, or nothing known
  This,     // the caller's own object, or a member of it (or a base, or an element it owns)
  Local,    // a local variable or temporary of the caller, built where ObjectBuilt says
  Captured, // a local of ObjectFunction that a lambda captured
  Static,   // an object with static storage
};

/// Caller reaches Callee at Site. Edges made in a once-only context (a static initializer,
/// std::call_once, a lazy-init guard) are kept with OnceReason set; the join does not follow
/// them, except those under a guard on a member of the caller's object (OwnerGuard), which are
/// once-only only while that object outlives the invocation.
struct CallEdge {
  std::string Caller;
  std::string Callee;
  std::string CalleeName;
  EdgeKind Kind = EdgeKind::Call;
  SourcePoint Site;
  std::string OnceReason;
  /// For each callee parameter, the parameters (of the caller or of a function enclosing it,
  /// for lambda captures) its argument is computed from.
  std::vector<std::vector<ParamRef>> ArgDeps;
  /// For each callee parameter, whether its argument may differ between invocations for a
  /// reason ArgDeps does not name (a member, another call's result; see
  /// rules::ArgumentPolicy::Invariant). Empty when none may, or when no resource kind of the
  /// rule set judges its arguments.
  std::vector<bool> ArgVaries;
  /// OnceReason is a lazy-init guard on a member of the caller's object.
  bool OwnerGuard = false;
  /// A virtual call of Callee through a pointer or reference: any override of it in a class
  /// derived from DispatchClass may run.
  bool Virtual = false;
  std::string DispatchClass;
  /// The callee's object (member function calls and constructions).
  ObjectKind Object = ObjectKind::None;
  std::string ObjectFunction; // Local and Captured: the function the variable belongs to
  SourcePoint ObjectBuilt;    // Local and Captured: where the object is built
  std::string ObjectName;     // "db", or the type of a temporary
  /// Source rules a NOLINT comment silences on Site's line and on ObjectBuilt's line: a finding
  /// the join reports there instead of at the resource site obeys them.
  std::vector<std::string> SilencedAtSite;
  std::vector<std::string> SilencedAtObject;

  bool onceOnly() const { return !OnceReason.empty(); }
};

/// A construction of a listed type (or subclass), a call to a listed function, or a file
/// opened for reading, in function Function.
struct ResourceSite {
  enum class Kind { Construction, Call, FileRead };

  std::string Function;
  Kind What = Kind::Construction;
  std::string ResourceKind; // rule-set kind name, e.g. "aws-sdk-client"
  std::string Rule;         // rule id it is reported under
  std::string Name;         // "Aws::S3::S3Client", "curl_easy_init", "std::ifstream"
  std::string MatchedAs;    // the listed name it matched when that differs (a base class)
  SourcePoint Where;
  SourcePoint End;
  std::string OnceReason;
  std::vector<ParamRef> ArgDeps; // parameters the construction's arguments are computed from
  /// For a kind that judges its arguments (rules::ArgumentPolicy::Invariant): an argument may
  /// differ between invocations for a reason ArgDeps does not name.
  bool ArgsVary = false;
  /// For such a kind, the parameters the object a listed member function is called on comes
  /// from: a client made from the request keys the call, but a client kept between
  /// invocations (captured from main, a member) is the same every time and says nothing about
  /// what is fetched.
  std::vector<ParamRef> ObjectDeps;
  std::string Spelling; // source text, for fingerprints
  /// OnceReason is a lazy-init guard on a member of the function's object (see CallEdge).
  bool OwnerGuard = false;
  /// A NOLINT comment silences the rule on this line: reported only where the join moves the
  /// finding to (the user's line that called into a library, an owner's construction).
  bool Silenced = false;
  /// Recognised by its spelled name alone: its declaration was not found (a missing header),
  /// so what it is rests on the name as written.
  bool ByName = false;

  bool onceOnly() const { return !OnceReason.empty(); }
};

/// A handler: a callable passed to a registration function, or a function the rule set names.
struct HandlerRoot {
  std::string Function;
  std::string Name;
  SourcePoint Registration; // where it is registered (or defined, for named handlers)
  std::string Via;          // "aws::lambda_runtime::run_handler", "rule set", or ViaSignature
};

/// HandlerRoot::Via of a handler found by its type (the rule set's handler-signatures) rather
/// than by a registration: the join walks from it only when no registered handler reaches it.
inline constexpr llvm::StringLiteral ViaSignature = "signature";

/// A call to a handler registration function (`run_handler(...)`) in Function. Its arguments
/// are evaluated before it runs; once it runs, the runtime loops over invocations, so work the
/// function does after End is not init work.
struct RegistrationCall {
  std::string Function;
  SourcePoint Begin;
  SourcePoint End;
};

/// A NOLINT comment that cannot apply (an unmatched NOLINTBEGIN or NOLINTEND), in a file whose
/// NOLINT comments the TU consulted.
struct NolintProblem {
  SourcePoint Where;
  std::string Message;
};

struct TranslationUnitSummary {
  std::string MainFile;
  std::vector<FunctionSummary> Functions;
  std::vector<CallEdge> Edges;
  std::vector<ResourceSite> Sites;
  std::vector<HandlerRoot> Handlers;
  std::vector<RegistrationCall> RegistrationCalls;
  std::vector<NolintProblem> NolintProblems;
  /// Ids of the dynamic initializers of variables with static storage at namespace or class
  /// scope (each a FunctionSummary named "initializer of 'x'"): they run before main.
  std::vector<std::string> StaticInitializers;
  /// Polymorphic classes defined in the TU or built by it, and the ids of the classes the TU
  /// builds (complete objects): a virtual call whose interface only one built class implements
  /// reaches that class's override alone.
  std::vector<ClassSummary> Classes;
  std::vector<std::string> ConstructedClasses;
};

} // namespace coldstart::analyzer
