// The summary's JSON form. Its shape, and why:
//
//   {"mainFile": "/src/main.cpp",
//    "files": ["/src/main.cpp", "/usr/include/c++/12/optional"],
//    "ids": ["c:@F@handle#&1$@N@aws@N@lambda_runtime@S@invocation_request#", "c:@F@make#"],
//    "functions": [{"id": 0, "name": "handle", "definition": [0, 12, 1], "params": ["req"]}],
//    "edges": [{"caller": 0, "callee": 1, "calleeName": "make", "site": [0, 13, 3],
//               "argDeps": [[[0, 0]]]}],
//    "sites": [...], "handlers": [...], "registrationCalls": [...], "nolintProblems": [...],
//    "staticInitializers": [...], "classes": [...], "constructedClasses": [...]}
//
// - An index of summaries is read on every run, and the summary of a TU that instantiates
//   library templates holds thousands of points in a few long header paths: each path is
//   written once, in "files", and a SourcePoint is [fileIndex, line, column].
// - Function and class ids are USRs, often hundreds of bytes for a template instantiation, and
//   each recurs on every edge from or to its function (caller, callee, object's function,
//   argument dependencies): written in full they are most of the text. Each is written once,
//   in "ids", and every field that holds one (the ids of functions, methods, classes, bases,
//   overrides, callers, callees, dispatch classes, parameters' functions, static
//   initializers, built classes) holds its index there.
// - A field that holds its default (an empty string or list, false, the first enumerator,
//   SourcePoint{}) is left out and read back as that default: most edges set few of theirs.
//   "mainFile" is the one field always written, so that a value that is not a summary at all
//   (an empty object) is an error rather than an empty summary.
// - A field's name is its member's name in lower camel case; a ParamRef is [idIndex, index];
//   an enumerator is written by its name, so that reordering an enum cannot silently change
//   what an old file means.
// - JSON strings are UTF-8, but paths, spellings and the names and ids made of them are bytes:
//   a string that is not valid UTF-8 is written as {"base64": "..."} so that it round-trips
//   exactly instead of being "fixed" by llvm::json.
// - Reading is strict: the file comes from disk and may be truncated, stale or edited, and a
//   summary read wrongly changes findings without a word. Anything not as written here (a
//   missing "mainFile", an unknown field, a wrong type, an unknown enumerator, an index
//   outside "files" or "ids", a line, column or index that is negative, fractional or above
//   UINT32_MAX) is an error naming its path.
// - No version field: the index that stores summaries wraps them with its own.
#include "coldstart/analyzer/SummaryCodec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/ErrorHandling.h"

#include <cstdint>
#include <limits>
#include <optional>

namespace coldstart::analyzer {

namespace {

using llvm::StringLiteral;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Path;
using llvm::json::Value;

// Enumerator names. The switches name every enumerator (-Wswitch flags a new one); the All*
// lists beside them are what the reader accepts and change with them.

StringLiteral name(EdgeKind K) {
  switch (K) {
  case EdgeKind::Call:
    return "call";
  case EdgeKind::Construct:
    return "construct";
  case EdgeKind::Factory:
    return "factory";
  case EdgeKind::Lambda:
    return "lambda";
  case EdgeKind::Reference:
    return "reference";
  }
  llvm_unreachable("EdgeKind out of range");
}
constexpr EdgeKind AllEdgeKinds[] = {EdgeKind::Call, EdgeKind::Construct, EdgeKind::Factory,
                                     EdgeKind::Lambda, EdgeKind::Reference};

StringLiteral name(ObjectKind K) {
  switch (K) {
  case ObjectKind::None:
    return "none";
  case ObjectKind::This:
    return "this";
  case ObjectKind::Local:
    return "local";
  case ObjectKind::Captured:
    return "captured";
  case ObjectKind::Static:
    return "static";
  }
  llvm_unreachable("ObjectKind out of range");
}
constexpr ObjectKind AllObjectKinds[] = {ObjectKind::None, ObjectKind::This, ObjectKind::Local,
                                         ObjectKind::Captured, ObjectKind::Static};

StringLiteral name(ResourceSite::Kind K) {
  switch (K) {
  case ResourceSite::Kind::Construction:
    return "construction";
  case ResourceSite::Kind::Call:
    return "call";
  case ResourceSite::Kind::FileRead:
    return "file-read";
  }
  llvm_unreachable("ResourceSite::Kind out of range");
}
constexpr ResourceSite::Kind AllSiteKinds[] = {
    ResourceSite::Kind::Construction, ResourceSite::Kind::Call, ResourceSite::Kind::FileRead};

constexpr StringLiteral Base64Key = "base64";

/// Writes one summary; collects the file and id tables as the fields name them.
class Encoder {
public:
  Value summary(const TranslationUnitSummary &S) {
    Object O;
    O.try_emplace("mainFile", encode(S.MainFile));
    list(O, "functions", S.Functions);
    list(O, "edges", S.Edges);
    list(O, "sites", S.Sites);
    list(O, "handlers", S.Handlers);
    list(O, "registrationCalls", S.RegistrationCalls);
    list(O, "nolintProblems", S.NolintProblems);
    ids(O, "staticInitializers", S.StaticInitializers);
    list(O, "classes", S.Classes);
    ids(O, "constructedClasses", S.ConstructedClasses);
    // Last: the tables hold every file and id the fields above named.
    list(O, "files", Files.Strings);
    list(O, "ids", Ids.Strings);
    return O;
  }

private:
  /// Strings written once, in order of first use, and named by their index.
  struct Table {
    llvm::StringMap<unsigned> Index;
    std::vector<std::string> Strings;

    Value operator()(const std::string &S) {
      auto [It, Inserted] = Index.try_emplace(S, static_cast<unsigned>(Strings.size()));
      if (Inserted)
        Strings.push_back(S);
      return It->second;
    }
  };
  Table Files;
  Table Ids;

  static Value encode(const std::string &S) {
    if (llvm::json::isUTF8(S))
      return S;
    return Object{{Base64Key, llvm::encodeBase64(S)}};
  }

  Value encode(const SourcePoint &P) { return Array{Files(P.File), P.Line, P.Column}; }
  Value encode(const ParamRef &R) { return Array{Ids(R.Function), R.Index}; }

  template <typename T> Value encode(const std::vector<T> &V) {
    Array A;
    A.reserve(V.size());
    for (const T &E : V)
      A.push_back(encode(E));
    return A;
  }
  static Value encode(const std::vector<bool> &V) {
    Array A;
    A.reserve(V.size());
    for (bool B : V)
      A.push_back(B);
    return A;
  }

  Value encode(const FunctionSummary &F) {
    Object O;
    id(O, "id", F.Id);
    field(O, "name", F.Name);
    field(O, "definition", F.Definition);
    list(O, "params", F.ParamNames);
    flag(O, "library", F.Library);
    list(O, "typeArgs", F.TypeArgs);
    return O;
  }

  Value encode(const VirtualMethod &M) {
    Object O;
    id(O, "id", M.Id);
    field(O, "name", M.Name);
    ids(O, "overrides", M.Overrides);
    return O;
  }

  Value encode(const ClassSummary &C) {
    Object O;
    id(O, "id", C.Id);
    field(O, "name", C.Name);
    ids(O, "bases", C.Bases);
    list(O, "methods", C.Methods);
    list(O, "typeArgs", C.TypeArgs);
    return O;
  }

  Value encode(const CallEdge &E) {
    Object O;
    id(O, "caller", E.Caller);
    id(O, "callee", E.Callee);
    field(O, "calleeName", E.CalleeName);
    enumerator(O, "kind", E.Kind, EdgeKind::Call);
    field(O, "site", E.Site);
    field(O, "onceReason", E.OnceReason);
    list(O, "argDeps", E.ArgDeps);
    list(O, "argVaries", E.ArgVaries);
    flag(O, "ownerGuard", E.OwnerGuard);
    flag(O, "virtual", E.Virtual);
    id(O, "dispatchClass", E.DispatchClass);
    enumerator(O, "object", E.Object, ObjectKind::None);
    id(O, "objectFunction", E.ObjectFunction);
    field(O, "objectBuilt", E.ObjectBuilt);
    field(O, "objectName", E.ObjectName);
    list(O, "silencedAtSite", E.SilencedAtSite);
    list(O, "silencedAtObject", E.SilencedAtObject);
    return O;
  }

  Value encode(const ResourceSite &R) {
    Object O;
    id(O, "function", R.Function);
    enumerator(O, "what", R.What, ResourceSite::Kind::Construction);
    field(O, "resourceKind", R.ResourceKind);
    field(O, "rule", R.Rule);
    field(O, "name", R.Name);
    field(O, "matchedAs", R.MatchedAs);
    field(O, "where", R.Where);
    field(O, "end", R.End);
    field(O, "onceReason", R.OnceReason);
    list(O, "argDeps", R.ArgDeps);
    flag(O, "argsVary", R.ArgsVary);
    list(O, "objectDeps", R.ObjectDeps);
    field(O, "spelling", R.Spelling);
    flag(O, "ownerGuard", R.OwnerGuard);
    flag(O, "silenced", R.Silenced);
    flag(O, "byName", R.ByName);
    return O;
  }

  Value encode(const HandlerRoot &H) {
    Object O;
    id(O, "function", H.Function);
    field(O, "name", H.Name);
    field(O, "registration", H.Registration);
    field(O, "via", H.Via);
    return O;
  }

  Value encode(const RegistrationCall &R) {
    Object O;
    id(O, "function", R.Function);
    field(O, "begin", R.Begin);
    field(O, "end", R.End);
    return O;
  }

  Value encode(const NolintProblem &N) {
    Object O;
    field(O, "where", N.Where);
    field(O, "message", N.Message);
    return O;
  }

  // Each helper leaves out a default value (see the top of the file).
  static void field(Object &O, StringLiteral Key, const std::string &S) {
    if (!S.empty())
      O.try_emplace(Key, encode(S));
  }
  void field(Object &O, StringLiteral Key, const SourcePoint &P) {
    if (!(P == SourcePoint()))
      O.try_emplace(Key, encode(P));
  }
  void id(Object &O, StringLiteral Key, const std::string &S) {
    if (!S.empty())
      O.try_emplace(Key, Ids(S));
  }
  void ids(Object &O, StringLiteral Key, const std::vector<std::string> &V) {
    if (V.empty())
      return;
    Array A;
    A.reserve(V.size());
    for (const std::string &S : V)
      A.push_back(Ids(S));
    O.try_emplace(Key, std::move(A));
  }
  static void flag(Object &O, StringLiteral Key, bool B) {
    if (B)
      O.try_emplace(Key, true);
  }
  template <typename E> static void enumerator(Object &O, StringLiteral Key, E K, E Default) {
    if (K != Default)
      O.try_emplace(Key, name(K));
  }
  template <typename T> void list(Object &O, StringLiteral Key, const std::vector<T> &V) {
    if (!V.empty())
      O.try_emplace(Key, encode(V));
  }
};

class Decoder;

/// A field that holds a function or class id, written as its index in "ids".
struct IdOf {
  std::string &Out;
};
struct IdsOf {
  std::vector<std::string> &Out;
};

/// One JSON object being read: each field is asked for once, by name, and done() reports the
/// first field nobody asked for.
class ObjectReader {
public:
  ObjectReader(Decoder &D, const Value &V, Path P) : D(D), O(V.getAsObject()), P(P) {
    if (!O)
      P.report("expected an object");
  }
  explicit operator bool() const { return O != nullptr; }

  /// An absent field leaves Out as it is: at its default.
  template <typename T> bool optional(StringLiteral Key, T &&Out);
  template <typename T> bool required(StringLiteral Key, T &&Out);
  bool done() {
    if (Present == O->size())
      return true;
    for (const auto &KV : *O)
      if (!llvm::is_contained(Asked, llvm::StringRef(KV.first))) {
        P.field(KV.first).report("unknown field");
        return false;
      }
    return true;
  }

private:
  Decoder &D;
  const Object *O;
  Path P;
  llvm::SmallVector<llvm::StringRef, 20> Asked;
  size_t Present = 0;
};

/// Reads one summary against its file and id tables. Every read returns false after reporting
/// the first problem to its Path (the root keeps the last report, so reading stops there).
class Decoder {
public:
  Decoder(const std::vector<std::string> &Files, const std::vector<std::string> &Ids)
      : Files(Files), Ids(Ids) {}

  bool read(const Value &V, std::string &Out, Path P) {
    if (std::optional<llvm::StringRef> S = V.getAsString()) {
      Out = S->str();
      return true;
    }
    // A string that is not UTF-8, as Encoder escapes it.
    const Object *O = V.getAsObject();
    const Value *Encoded = O ? O->get(Base64Key) : nullptr;
    if (!Encoded) {
      P.report("expected a string");
      return false;
    }
    for (const auto &KV : *O)
      if (llvm::StringRef(KV.first) != Base64Key) {
        P.field(KV.first).report("unknown field");
        return false;
      }
    std::optional<llvm::StringRef> Text = Encoded->getAsString();
    std::vector<char> Bytes;
    if (!Text) {
      P.field(Base64Key).report("expected a string");
      return false;
    }
    if (llvm::Error E = llvm::decodeBase64(*Text, Bytes)) {
      llvm::consumeError(std::move(E));
      P.field(Base64Key).report("invalid base64");
      return false;
    }
    Out.assign(Bytes.begin(), Bytes.end());
    return true;
  }

  bool read(const Value &V, bool &Out, Path P) {
    if (std::optional<bool> B = V.getAsBoolean()) {
      Out = *B;
      return true;
    }
    P.report("expected a boolean");
    return false;
  }

  /// getAsUINT64 takes integers only: a negative number or one with a fraction or an exponent
  /// fails, as does anything beyond 64 bits, and the range check does the rest.
  bool read(const Value &V, unsigned &Out, Path P) {
    std::optional<uint64_t> N = V.getAsUINT64();
    if (!N) {
      P.report("expected an unsigned integer");
      return false;
    }
    if (*N > std::numeric_limits<uint32_t>::max()) {
      P.report("integer does not fit in 32 bits");
      return false;
    }
    Out = static_cast<unsigned>(*N);
    return true;
  }

  bool read(const Value &V, SourcePoint &Out, Path P) {
    if (V.getAsNull()) {
      Out = SourcePoint();
      return true;
    }
    const Array *A = V.getAsArray();
    if (!A || A->size() != 3) {
      P.report("expected [file, line, column] or null");
      return false;
    }
    unsigned File = 0;
    if (!readIndex((*A)[0], File, Files.size(), P.index(0), "file index out of range of \"files\""))
      return false;
    Out.File = Files[File];
    return read((*A)[1], Out.Line, P.index(1)) && read((*A)[2], Out.Column, P.index(2));
  }

  bool read(const Value &V, ParamRef &Out, Path P) {
    const Array *A = V.getAsArray();
    if (!A || A->size() != 2) {
      P.report("expected [function id, index]");
      return false;
    }
    return read((*A)[0], IdOf{Out.Function}, P.index(0)) && read((*A)[1], Out.Index, P.index(1));
  }

  bool read(const Value &V, IdOf Id, Path P) {
    unsigned Index = 0;
    if (!readIndex(V, Index, Ids.size(), P, "id index out of range of \"ids\""))
      return false;
    Id.Out = Ids[Index];
    return true;
  }
  bool read(const Value &V, IdsOf List, Path P) {
    const Array *A = V.getAsArray();
    if (!A) {
      P.report("expected an array");
      return false;
    }
    List.Out.resize(A->size());
    for (size_t I = 0; I < A->size(); ++I)
      if (!read((*A)[I], IdOf{List.Out[I]}, P.index(static_cast<unsigned>(I))))
        return false;
    return true;
  }

  bool read(const Value &V, EdgeKind &Out, Path P) {
    return readEnum(V, Out, P, AllEdgeKinds,
                    "unknown edge kind (expected call, construct, factory, lambda or reference)");
  }
  bool read(const Value &V, ObjectKind &Out, Path P) {
    return readEnum(V, Out, P, AllObjectKinds,
                    "unknown object kind (expected none, this, local, captured or static)");
  }
  bool read(const Value &V, ResourceSite::Kind &Out, Path P) {
    return readEnum(V, Out, P, AllSiteKinds,
                    "unknown site kind (expected construction, call or file-read)");
  }

  template <typename T> bool read(const Value &V, std::vector<T> &Out, Path P) {
    const Array *A = V.getAsArray();
    if (!A) {
      P.report("expected an array");
      return false;
    }
    Out.resize(A->size());
    for (size_t I = 0; I < A->size(); ++I)
      if (!read((*A)[I], Out[I], P.index(static_cast<unsigned>(I))))
        return false;
    return true;
  }
  bool read(const Value &V, std::vector<bool> &Out, Path P) {
    const Array *A = V.getAsArray();
    if (!A) {
      P.report("expected an array");
      return false;
    }
    Out.assign(A->size(), false);
    for (size_t I = 0; I < A->size(); ++I) {
      bool B = false;
      if (!read((*A)[I], B, P.index(static_cast<unsigned>(I))))
        return false;
      Out[I] = B;
    }
    return true;
  }

  bool read(const Value &V, FunctionSummary &F, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("id", IdOf{F.Id}) && R.optional("name", F.Name) &&
           R.optional("definition", F.Definition) && R.optional("params", F.ParamNames) &&
           R.optional("library", F.Library) && R.optional("typeArgs", F.TypeArgs) && R.done();
  }

  bool read(const Value &V, VirtualMethod &M, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("id", IdOf{M.Id}) && R.optional("name", M.Name) &&
           R.optional("overrides", IdsOf{M.Overrides}) && R.done();
  }

  bool read(const Value &V, ClassSummary &C, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("id", IdOf{C.Id}) && R.optional("name", C.Name) &&
           R.optional("bases", IdsOf{C.Bases}) && R.optional("methods", C.Methods) &&
           R.optional("typeArgs", C.TypeArgs) && R.done();
  }

  bool read(const Value &V, CallEdge &E, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("caller", IdOf{E.Caller}) && R.optional("callee", IdOf{E.Callee}) &&
           R.optional("calleeName", E.CalleeName) && R.optional("kind", E.Kind) &&
           R.optional("site", E.Site) && R.optional("onceReason", E.OnceReason) &&
           R.optional("argDeps", E.ArgDeps) && R.optional("argVaries", E.ArgVaries) &&
           R.optional("ownerGuard", E.OwnerGuard) && R.optional("virtual", E.Virtual) &&
           R.optional("dispatchClass", IdOf{E.DispatchClass}) && R.optional("object", E.Object) &&
           R.optional("objectFunction", IdOf{E.ObjectFunction}) &&
           R.optional("objectBuilt", E.ObjectBuilt) && R.optional("objectName", E.ObjectName) &&
           R.optional("silencedAtSite", E.SilencedAtSite) &&
           R.optional("silencedAtObject", E.SilencedAtObject) && R.done();
  }

  bool read(const Value &V, ResourceSite &S, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("function", IdOf{S.Function}) && R.optional("what", S.What) &&
           R.optional("resourceKind", S.ResourceKind) && R.optional("rule", S.Rule) &&
           R.optional("name", S.Name) && R.optional("matchedAs", S.MatchedAs) &&
           R.optional("where", S.Where) && R.optional("end", S.End) &&
           R.optional("onceReason", S.OnceReason) && R.optional("argDeps", S.ArgDeps) &&
           R.optional("argsVary", S.ArgsVary) && R.optional("objectDeps", S.ObjectDeps) &&
           R.optional("spelling", S.Spelling) && R.optional("ownerGuard", S.OwnerGuard) &&
           R.optional("silenced", S.Silenced) && R.optional("byName", S.ByName) && R.done();
  }

  bool read(const Value &V, HandlerRoot &H, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("function", IdOf{H.Function}) && R.optional("name", H.Name) &&
           R.optional("registration", H.Registration) && R.optional("via", H.Via) && R.done();
  }

  bool read(const Value &V, RegistrationCall &C, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("function", IdOf{C.Function}) && R.optional("begin", C.Begin) &&
           R.optional("end", C.End) && R.done();
  }

  bool read(const Value &V, NolintProblem &N, Path P) {
    ObjectReader R(*this, V, P);
    return R && R.optional("where", N.Where) && R.optional("message", N.Message) && R.done();
  }

private:
  const std::vector<std::string> &Files;
  const std::vector<std::string> &Ids;

  bool readIndex(const Value &V, unsigned &Out, size_t Size, Path P, StringLiteral OutOfRange) {
    if (!read(V, Out, P))
      return false;
    if (Out >= Size) {
      P.report(OutOfRange);
      return false;
    }
    return true;
  }

  template <typename E, size_t N>
  static bool readEnum(const Value &V, E &Out, Path P, const E (&All)[N], StringLiteral Unknown) {
    std::optional<llvm::StringRef> S = V.getAsString();
    if (!S) {
      P.report("expected a string");
      return false;
    }
    for (E K : All)
      if (name(K) == *S) {
        Out = K;
        return true;
      }
    P.report(Unknown);
    return false;
  }
};

template <typename T> bool ObjectReader::optional(StringLiteral Key, T &&Out) {
  Asked.push_back(Key);
  const Value *V = O->get(Key);
  if (!V)
    return true;
  ++Present;
  return D.read(*V, Out, P.field(Key));
}

template <typename T> bool ObjectReader::required(StringLiteral Key, T &&Out) {
  Asked.push_back(Key);
  const Value *V = O->get(Key);
  if (!V) {
    P.field(Key).report("missing field");
    return false;
  }
  ++Present;
  return D.read(*V, Out, P.field(Key));
}

} // namespace

llvm::json::Value summaryToJSON(const TranslationUnitSummary &Summary) {
  return Encoder().summary(Summary);
}

llvm::Expected<TranslationUnitSummary> summaryFromJSON(const llvm::json::Value &Value) {
  Path::Root Root("summary");
  TranslationUnitSummary S;
  // The tables first: every point and id after them is read against them.
  std::vector<std::string> Files, Ids;
  Decoder D(Files, Ids);
  ObjectReader R(D, Value, Root);
  bool Ok = R && R.optional("files", Files) && R.optional("ids", Ids) &&
            R.required("mainFile", S.MainFile) && R.optional("functions", S.Functions) &&
            R.optional("edges", S.Edges) && R.optional("sites", S.Sites) &&
            R.optional("handlers", S.Handlers) &&
            R.optional("registrationCalls", S.RegistrationCalls) &&
            R.optional("nolintProblems", S.NolintProblems) &&
            R.optional("staticInitializers", IdsOf{S.StaticInitializers}) &&
            R.optional("classes", S.Classes) &&
            R.optional("constructedClasses", IdsOf{S.ConstructedClasses}) && R.done();
  if (!Ok)
    return Root.getError();
  return S;
}

} // namespace coldstart::analyzer
