#include "coldstart/analyzer/Join.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

namespace coldstart::analyzer {

namespace {

/// The summaries merged into one graph. Functions defined in headers appear in every TU that
/// includes them; their edges and sites are kept once.
class CallGraph {
public:
  explicit CallGraph(const std::vector<const TranslationUnitSummary *> &Summaries) {
    std::set<std::string> EdgeKeys, SiteKeys;
    for (const TranslationUnitSummary *Each : Summaries) {
      const TranslationUnitSummary &S = *Each;
      for (const FunctionSummary &F : S.Functions) {
        auto [It, Inserted] = Functions.try_emplace(F.Id, &F);
        if (!Inserted && !It->second->Definition.valid() && F.Definition.valid())
          It->second = &F;
      }
      for (const CallEdge &E : S.Edges)
        if (EdgeKeys.insert(key(E)).second)
          Out[E.Caller].push_back(&E);
      for (const ResourceSite &R : S.Sites)
        if (SiteKeys.insert(key(R)).second)
          Sites[R.Function].push_back(&R);
      for (const HandlerRoot &H : S.Handlers)
        Roots.push_back(&H);
      for (const RegistrationCall &C : S.RegistrationCalls)
        Registrations[C.Function].push_back(&C);
      StaticInitializers.insert(S.StaticInitializers.begin(), S.StaticInitializers.end());
      for (const ClassSummary &C : S.Classes)
        Classes.try_emplace(C.Id, &C);
      Constructed.insert(S.ConstructedClasses.begin(), S.ConstructedClasses.end());
    }
    for (const auto &[Id, C] : Classes) {
      for (const std::string &Base : C->Bases)
        Derived[Base].push_back(Id);
      for (const VirtualMethod &M : C->Methods) {
        MethodClass.try_emplace(M.Id, Id);
        Methods.try_emplace(M.Id, &M);
        for (const std::string &Overridden : M.Overrides)
          OverriddenBy[Overridden].push_back(M.Id);
      }
    }
    // Deterministic order whatever the order of the summaries.
    for (auto &[Id, List] : Derived)
      std::sort(List.begin(), List.end());
    for (auto &[Id, List] : OverriddenBy) {
      std::sort(List.begin(), List.end());
      List.erase(std::unique(List.begin(), List.end()), List.end());
    }
    // Deterministic order whatever the order of the summaries: by place, then by id.
    auto ByPlace = [](const HandlerRoot *A, const HandlerRoot *B) {
      if (!(A->Registration == B->Registration))
        return A->Registration < B->Registration;
      return A->Function < B->Function;
    };
    std::sort(Roots.begin(), Roots.end(), ByPlace);
    Roots.erase(std::unique(Roots.begin(), Roots.end(),
                            [](const HandlerRoot *A, const HandlerRoot *B) {
                              return A->Function == B->Function;
                            }),
                Roots.end());
    for (auto &[Id, Edges] : Out)
      std::stable_sort(Edges.begin(), Edges.end(),
                       [](const CallEdge *A, const CallEdge *B) { return A->Site < B->Site; });
  }

  const FunctionSummary *function(const std::string &Id) const {
    auto It = Functions.find(Id);
    return It == Functions.end() ? nullptr : It->second;
  }
  const std::vector<const CallEdge *> &edgesFrom(const std::string &Id) const {
    auto It = Out.find(Id);
    return It == Out.end() ? None : It->second;
  }
  const std::vector<const ResourceSite *> &sitesIn(const std::string &Id) const {
    auto It = Sites.find(Id);
    return It == Sites.end() ? NoSites : It->second;
  }
  const std::vector<const HandlerRoot *> &roots() const { return Roots; }
  /// Whether Id is library code walked for the user's types (FunctionSummary::Library).
  bool isLibrary(const std::string &Id) const {
    const FunctionSummary *F = function(Id);
    return F && F->Library;
  }
  std::string nameOf(const std::string &Id) const {
    if (const FunctionSummary *F = function(Id))
      return F->Name;
    auto M = Methods.find(Id);
    return M == Methods.end() ? Id : M->second->Name;
  }
  std::string className(const std::string &Id) const {
    auto C = Classes.find(Id);
    return C == Classes.end() ? Id : C->second->Name;
  }

  /// A function an edge may run. A virtual call may run several: Override says the target
  /// overrides the called method, OnlyBuilt names the one class of the interface that is built
  /// when there is only one.
  struct Target {
    std::string Id;
    bool Override = false;
    std::string OnlyBuilt;
  };

  /// What E may run: its callee; for a virtual call, every override of it in a class derived
  /// from the class it is called through (class-hierarchy analysis), or, when the summaries
  /// build exactly one class of that interface, that class's override alone. A call made in a
  /// template instantiation (a container's get<T>) prefers the overrides in classes
  /// instantiated with the same types (the registration of T).
  const std::vector<Target> &targets(const CallEdge &E) const {
    if (!E.Virtual) {
      auto Cached = DirectTargets.find(&E);
      if (Cached != DirectTargets.end())
        return Cached->second;
      return DirectTargets.emplace(&E, std::vector<Target>{{E.Callee, false, ""}}).first->second;
    }
    // Dispatch depends on the method, the class it is called through and the caller's type
    // arguments: edges that share them share one list.
    const FunctionSummary *Caller = function(E.Caller);
    std::string Key = E.Callee + "|" + E.DispatchClass;
    if (Caller)
      for (const std::string &T : Caller->TypeArgs)
        Key += "|" + T;
    auto Cached = DispatchTargets.find(Key);
    if (Cached != DispatchTargets.end())
      return Cached->second;
    std::vector<Target> Out;
    std::vector<std::string> Built;
    for (const std::string &C : derivedClosure(E.DispatchClass))
      if (Constructed.count(C))
        Built.push_back(C);
    if (Built.size() == 1) {
      std::string Final = finalOverrider(Built.front(), E.Callee);
      Out.push_back({Final, Final != E.Callee, Built.front()});
      return DispatchTargets.emplace(Key, std::move(Out)).first->second;
    }
    Out.push_back({E.Callee, false, ""});
    std::vector<std::string> Overrides = overriderClosure(E.Callee);
    if (Caller && !Caller->TypeArgs.empty()) {
      std::vector<std::string> SameTypes;
      for (const std::string &O : Overrides)
        if (sharesTypeArg(O, Caller->TypeArgs))
          SameTypes.push_back(O);
      if (!SameTypes.empty())
        Overrides = std::move(SameTypes);
    }
    for (const std::string &O : Overrides)
      Out.push_back({O, true, ""});
    return DispatchTargets.emplace(Key, std::move(Out)).first->second;
  }
  /// The functions from which a site of a kind that judges its arguments
  /// (rules::ArgumentPolicy::Invariant) and whose arguments are parameters can be reached: the
  /// join tells apart the calls into them, since each call site is judged by its own arguments.
  std::set<std::string> reachingParameterKeyedSites(const rules::RuleSet &Rules) const {
    std::set<std::string> Reach;
    std::deque<std::string> Queue;
    for (const auto &[Fn, List] : Sites)
      for (const ResourceSite *Site : List) {
        const rules::ResourceKind *Kind = Rules.resource(Site->ResourceKind);
        if (Kind && Kind->Arguments == rules::ArgumentPolicy::Invariant && !Site->ArgDeps.empty() &&
            Reach.insert(Fn).second)
          Queue.push_back(Fn);
      }
    if (Queue.empty())
      return Reach;
    std::unordered_map<std::string, std::vector<std::string>> Callers;
    for (const auto &[Caller, Edges] : Out)
      for (const CallEdge *E : Edges)
        for (const Target &T : targets(*E))
          Callers[T.Id].push_back(Caller);
    while (!Queue.empty()) {
      auto It = Callers.find(Queue.front());
      Queue.pop_front();
      if (It != Callers.end())
        for (const std::string &C : It->second)
          if (Reach.insert(C).second)
            Queue.push_back(C);
    }
    return Reach;
  }

  /// Which call of E's callee from E's caller E is, in source order: names a call site in a
  /// fingerprint without its line.
  unsigned ordinalOf(const CallEdge &E) const {
    unsigned N = 0;
    for (const CallEdge *Other : edgesFrom(E.Caller)) {
      if (Other == &E)
        break;
      if (Other->Callee == E.Callee)
        ++N;
    }
    return N;
  }

  /// Dynamic initializers of static variables (they run before main), in id order.
  const std::set<std::string> &staticInitializers() const { return StaticInitializers; }
  const std::vector<const RegistrationCall *> &registrationsIn(const std::string &Id) const {
    auto It = Registrations.find(Id);
    return It == Registrations.end() ? NoRegistrations : It->second;
  }

  /// Every definition of `main` (a custom runtime's entry point; a whole-project database can
  /// hold several programs), by place.
  std::vector<const FunctionSummary *> mainFunctions() const {
    std::vector<const FunctionSummary *> Mains;
    for (const auto &[Id, F] : Functions)
      if (F->Name == "main" && F->Definition.valid())
        Mains.push_back(F);
    std::sort(Mains.begin(), Mains.end(), [](const FunctionSummary *A, const FunctionSummary *B) {
      return A->Definition < B->Definition;
    });
    return Mains;
  }

  static std::string key(const SourcePoint &P) {
    return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  }
  static std::string key(const CallEdge &E) {
    return E.Caller + "|" + E.Callee + "|" + key(E.Site) + "|" +
           std::to_string(static_cast<int>(E.Kind));
  }
  static std::string key(const ResourceSite &R) {
    return R.Rule + "|" + R.Name + "|" + key(R.Where);
  }

private:
  /// Class Id and every class derived from it, directly or not, in id order.
  std::vector<std::string> derivedClosure(const std::string &Id) const {
    std::set<std::string> Seen{Id};
    std::deque<std::string> Queue{Id};
    while (!Queue.empty()) {
      auto It = Derived.find(Queue.front());
      Queue.pop_front();
      if (It != Derived.end())
        for (const std::string &D : It->second)
          if (Seen.insert(D).second)
            Queue.push_back(D);
    }
    return {Seen.begin(), Seen.end()};
  }

  /// Every method that overrides Method, directly or through intermediate overrides.
  std::vector<std::string> overriderClosure(const std::string &Method) const {
    std::set<std::string> Seen;
    std::deque<std::string> Queue{Method};
    while (!Queue.empty()) {
      auto It = OverriddenBy.find(Queue.front());
      Queue.pop_front();
      if (It != OverriddenBy.end())
        for (const std::string &O : It->second)
          if (Seen.insert(O).second)
            Queue.push_back(O);
    }
    return {Seen.begin(), Seen.end()};
  }

  bool overrides(const std::string &Method, const std::string &Base, unsigned Depth = 0) const {
    auto It = Methods.find(Method);
    if (It == Methods.end() || Depth > 32)
      return false;
    for (const std::string &O : It->second->Overrides)
      if (O == Base || overrides(O, Base, Depth + 1))
        return true;
    return false;
  }

  /// The override of Method an object of class Class runs: the nearest one in Class and its
  /// bases, or Method itself.
  std::string finalOverrider(const std::string &Class, const std::string &Method) const {
    std::set<std::string> Seen{Class};
    std::deque<std::string> Queue{Class};
    while (!Queue.empty()) {
      auto It = Classes.find(Queue.front());
      Queue.pop_front();
      if (It == Classes.end())
        continue;
      for (const VirtualMethod &M : It->second->Methods)
        if (M.Id == Method || overrides(M.Id, Method))
          return M.Id;
      for (const std::string &B : It->second->Bases)
        if (Seen.insert(B).second)
          Queue.push_back(B);
    }
    return Method;
  }

  bool sharesTypeArg(const std::string &Method, const std::vector<std::string> &TypeArgs) const {
    auto Owner = MethodClass.find(Method);
    if (Owner == MethodClass.end())
      return false;
    auto C = Classes.find(Owner->second);
    if (C == Classes.end())
      return false;
    for (const std::string &T : C->second->TypeArgs)
      if (std::find(TypeArgs.begin(), TypeArgs.end(), T) != TypeArgs.end())
        return true;
    return false;
  }

  std::unordered_map<std::string, const FunctionSummary *> Functions;
  std::unordered_map<std::string, std::vector<const CallEdge *>> Out;
  std::unordered_map<std::string, std::vector<const ResourceSite *>> Sites;
  std::vector<const HandlerRoot *> Roots;
  std::unordered_map<std::string, std::vector<const RegistrationCall *>> Registrations;
  std::set<std::string> StaticInitializers;
  std::map<std::string, const ClassSummary *> Classes;
  std::unordered_map<std::string, std::vector<std::string>> Derived;
  std::unordered_map<std::string, std::string> MethodClass;
  std::unordered_map<std::string, const VirtualMethod *> Methods;
  std::unordered_map<std::string, std::vector<std::string>> OverriddenBy;
  std::set<std::string> Constructed;
  mutable std::unordered_map<const CallEdge *, std::vector<Target>> DirectTargets;
  mutable std::unordered_map<std::string, std::vector<Target>> DispatchTargets;
  const std::vector<const RegistrationCall *> NoRegistrations;
  const std::vector<const CallEdge *> None;
  const std::vector<const ResourceSite *> NoSites;
};

/// A line a finding can be moved to from its resource site, with the source rules NOLINT
/// comments silence there, and the name of the object built there (for an owner).
struct Anchor {
  SourcePoint At;
  const std::vector<std::string> *Silenced = nullptr;
  std::string Name;

  bool valid() const { return At.valid(); }
  bool silences(const std::string &Rule) const {
    return Silenced && std::find(Silenced->begin(), Silenced->end(), Rule) != Silenced->end();
  }
};

/// How one function was reached from a handler (or from main): the edge taken and which of its
/// targets, the request-derived parameters known on that path, and what the path says about
/// where a finding belongs.
struct Reached {
  std::string Fn;
  const CallEdge *Via = nullptr;
  CallGraph::Target Step;
  std::string From; // the state the caller was reached in
  std::string Root; // where the search started (init work: main or a static initializer)
  unsigned Depth = 0;
  std::set<ParamRef> Tainted;
  /// Fn's object (`this`) is built per invocation, there.
  Anchor Owner;
  /// Fn is library code: the user's line that called into it.
  Anchor LibraryEntry;
  /// The path passed a lazy-init guard on a member of an object built per invocation: what
  /// it reaches is built once per such object, so per invocation, and reported at the object.
  Anchor GuardOwner;
  bool EnteredGuard = false; // Via is that guarded edge
  /// On the way to a site whose arguments are parameters and are judged per call site
  /// (rules::ArgumentPolicy::Invariant): the call sites taken, so that each is a case of its own.
  std::string CallPath;
};

/// Functions are explored once per state: a function reached for an object built per
/// invocation, or from a different line of the user's code into a library, is a different case.
std::string stateKey(const Reached &R) {
  return R.Fn + "|" + CallGraph::key(R.Owner.At) + "|" + CallGraph::key(R.LibraryEntry.At) + "|" +
         CallGraph::key(R.GuardOwner.At) + R.CallPath;
}

bool intersects(const std::vector<ParamRef> &Deps, const std::set<ParamRef> &Tainted) {
  for (const ParamRef &P : Deps)
    if (Tainted.count(P))
      return true;
  return false;
}

std::string stepNote(const CallEdge &E, const CallGraph::Target &T, const CallGraph &G) {
  if (T.Override) {
    std::string Name = "'" + G.nameOf(T.Id) + "' (overrides '" + E.CalleeName + "'";
    if (!T.OnlyBuilt.empty())
      return "calls " + Name + "; '" + G.className(T.OnlyBuilt) +
             "' is the only class derived from '" + G.className(E.DispatchClass) +
             "' that is built)";
    return "may call " + Name + ")";
  }
  switch (E.Kind) {
  case EdgeKind::Call:
    return "calls '" + E.CalleeName + "'";
  case EdgeKind::Construct:
    return "constructs an object whose constructor '" + E.CalleeName + "' runs here";
  case EdgeKind::Factory:
    return "allocates an object whose constructor '" + E.CalleeName + "' runs here";
  case EdgeKind::Lambda:
    return "creates the " + E.CalleeName + ", whose body runs per invocation";
  case EdgeKind::Reference:
    return "passes '" + E.CalleeName + "' on to be called";
  }
  return "";
}

std::string stepNote(const Reached &R, const CallGraph &G) {
  std::string Note = stepNote(*R.Via, R.Step, G);
  if (R.EnteredGuard)
    Note += ", " + R.Via->OnceReason + ", once per object";
  return Note;
}

/// The last step of a moved finding's trace: the resource site itself.
std::string siteNote(const ResourceSite &Site) {
  switch (Site.What) {
  case ResourceSite::Kind::Construction:
    return "'" + Site.Name + "' is built here";
  case ResourceSite::Kind::Call:
    return "'" + Site.Name + "' is called here";
  case ResourceSite::Kind::FileRead:
    return "the file is opened here with '" + Site.Name + "'";
  }
  return "";
}

report::Location toLocation(const SourcePoint &P) {
  report::Location L;
  L.File = P.File;
  L.Line = P.Line;
  L.Column = P.Column;
  return L;
}

/// Whether a variable of function Fn is a local of a function on the path to Key: a lambda
/// created on the path captured it, so it is built per invocation too.
bool onPath(const std::string &Fn, std::string Key,
            const std::unordered_map<std::string, Reached> &Seen) {
  while (!Key.empty()) {
    const Reached &R = Seen.at(Key);
    if (R.Fn == Fn)
      return true;
    Key = R.From;
  }
  return false;
}

class FindingBuilder {
public:
  FindingBuilder(const CallGraph &G, const rules::RuleSet &Rules)
      : G(G), Rules(Rules), PerCallSite(G.reachingParameterKeyedSites(Rules)) {}

  std::vector<report::Finding> run() {
    // Registered handlers first; a function that is a handler only by its type is walked from
    // when no registered handler reaches it (it may be the registered one, seen from another
    // file, or a helper of the same type that one calls).
    for (const HandlerRoot *Root : G.roots())
      if (Root->Via != ViaSignature)
        explore(*Root);
    for (const HandlerRoot *Root : G.roots())
      if (Root->Via == ViaSignature && !ReachedFunctions.count(Root->Function))
        explore(*Root);
    std::vector<report::Finding> Out;
    Out.reserve(BestBySite.size());
    for (auto &[Key, Best] : BestBySite)
      Out.push_back(std::move(Best.F));
    return Out;
  }

private:
  struct Candidate {
    unsigned Depth = 0;
    report::Finding F;
  };

  /// Where a finding is reported: at its resource site, or moved to the user's line that made
  /// it happen.
  enum class Moved {
    No,
    ToLibraryEntry, // built in library code: where the user's code called into the library
    ToOwner,        // built under a guard on a member of an object built per invocation
    ToGuardOwner,   // reached through such a guard
    ToCaller,       // its arguments are a helper's parameters: the call that passes their values
  };

  using SeenMap = std::unordered_map<std::string, Reached>;

  /// Breadth-first from the handler, so each function is reached by a shortest chain.
  void explore(const HandlerRoot &Root) {
    SeenMap Seen;
    std::deque<std::string> Queue;
    Reached Start;
    Start.Fn = Root.Function;
    if (const FunctionSummary *F = G.function(Root.Function))
      for (unsigned I = 0; I < F->ParamNames.size(); ++I)
        Start.Tainted.insert({Root.Function, I});
    std::string StartKey = stateKey(Start);
    Seen.emplace(StartKey, std::move(Start));
    Queue.push_back(StartKey);
    while (!Queue.empty()) {
      std::string Key = Queue.front();
      Queue.pop_front();
      const Reached &Here = Seen.at(Key);
      ReachedFunctions.insert(Here.Fn);
      bool HereLibrary = G.isLibrary(Here.Fn);
      for (const ResourceSite *Site : G.sitesIn(Here.Fn))
        report(Root, Key, *Site, Seen);
      for (const CallEdge *E : G.edgesFrom(Here.Fn)) {
        bool ViaGuard = false;
        if (E->onceOnly()) {
          // A guard on a member of an object built per invocation holds for that object only.
          if (!E->OwnerGuard || !Here.Owner.valid())
            continue;
          ViaGuard = true;
        }
        for (const CallGraph::Target &T : G.targets(*E)) {
          Reached Next;
          Next.Fn = T.Id;
          Next.Via = E;
          Next.Step = T;
          Next.From = Key;
          Next.Depth = Here.Depth + 1;
          Next.Tainted = Here.Tainted;
          for (unsigned I = 0; I < E->ArgDeps.size(); ++I)
            if (intersects(E->ArgDeps[I], Here.Tainted))
              Next.Tainted.insert({T.Id, I});
          if (G.isLibrary(T.Id))
            Next.LibraryEntry =
                HereLibrary ? Here.LibraryEntry : Anchor{E->Site, &E->SilencedAtSite, ""};
          Next.Owner = ownerOf(*E, Key, Here, HereLibrary, Seen);
          Next.GuardOwner = Here.GuardOwner;
          if (PerCallSite.count(T.Id))
            Next.CallPath = Here.CallPath + "|" + CallGraph::key(E->Site);
          if (ViaGuard && !Next.GuardOwner.valid()) {
            Next.GuardOwner = Here.Owner;
            Next.EnteredGuard = true;
          }
          std::string NextKey = stateKey(Next);
          if (Seen.count(NextKey))
            continue;
          Seen.emplace(NextKey, std::move(Next));
          Queue.push_back(NextKey);
        }
      }
    }
  }

  /// Where the callee's object is built when that is per invocation (see ObjectKind): a local
  /// or temporary of a function on the path, or an object of the caller's that is; none for an
  /// object built during init (a static, one captured from main, a parameter's).
  Anchor ownerOf(const CallEdge &E, const std::string &Key, const Reached &Here, bool HereLibrary,
                 const SeenMap &Seen) const {
    switch (E.Object) {
    case ObjectKind::This:
      return Here.Owner;
    case ObjectKind::Local:
      break;
    case ObjectKind::Captured:
      if (!onPath(E.ObjectFunction, Key, Seen))
        return {};
      break;
    case ObjectKind::None:
    case ObjectKind::Static:
      return {};
    }
    // Built inside library code: the user's line that called into it is where it is built.
    if (HereLibrary)
      return {Here.LibraryEntry.At, Here.LibraryEntry.Silenced, E.ObjectName};
    return {E.ObjectBuilt, &E.SilencedAtObject, E.ObjectName};
  }

  void report(const HandlerRoot &Root, const std::string &StateKey, const ResourceSite &Site,
              const SeenMap &Seen) {
    const Reached &Here = Seen.at(StateKey);
    const rules::ResourceKind *Kind = Rules.resource(Site.ResourceKind);
    // A kind that judges its arguments is reported only when they are the same on every
    // invocation; when they are a helper's parameters, at the call that passes their values.
    const CallEdge *Caller = nullptr;
    if (Kind && Kind->Arguments == rules::ArgumentPolicy::Invariant) {
      // The object it is called on matters only when it comes from the request (Tainted
      // holds every parameter the request reaches on this path).
      if (Site.ArgsVary || intersects(Site.ArgDeps, Here.Tainted) ||
          intersects(Site.ObjectDeps, Here.Tainted))
        return;
      std::optional<const CallEdge *> Passed = invariantCaller(Site, StateKey, Seen);
      if (!Passed)
        return;
      Caller = *Passed;
    }
    Moved How = Moved::No;
    Anchor At;
    if (Site.onceOnly()) {
      if (!Site.OwnerGuard || !Here.Owner.valid())
        return;
      How = Moved::ToOwner;
      At = Here.Owner;
    } else if (Here.GuardOwner.valid()) {
      How = Moved::ToGuardOwner;
      At = Here.GuardOwner;
    } else if (Caller && !G.isLibrary(Caller->Caller)) {
      How = Moved::ToCaller;
      At = {Caller->Site, &Caller->SilencedAtSite,
            G.nameOf(Caller->Caller) + "|" + Caller->CalleeName + "#" +
                std::to_string(G.ordinalOf(*Caller))};
    } else if (G.isLibrary(Here.Fn) && Here.LibraryEntry.valid()) {
      How = Moved::ToLibraryEntry;
      At = Here.LibraryEntry;
    }
    if (How == Moved::No ? Site.Silenced : At.silences(Site.Rule))
      return;
    if (How == Moved::No)
      At.At = Site.Where;

    std::string Key = CallGraph::key(Site) + "@" + CallGraph::key(At.At);
    auto Existing = BestBySite.find(Key);
    if (Existing != BestBySite.end() && Existing->second.Depth <= Here.Depth)
      return;

    const FunctionSummary *Enclosing = G.function(Here.Fn);
    report::Location Where = toLocation(At.At);
    if (How == Moved::No) {
      Where.EndLine = Site.End.Line;
      Where.EndColumn = Site.End.Column;
    }
    std::string Message = message(Site, Kind, Root, StateKey, Seen, How, At);
    std::string Fix = Kind ? Kind->Fix : "";
    std::string EnclosingName = Enclosing ? Enclosing->Name : Here.Fn;
    std::optional<report::Finding> Made;
    if (How == Moved::No) {
      Made = report::makeFinding(Rules, Site.Rule, std::move(Where), std::move(Message), Fix,
                                 {Site.Name, EnclosingName, Site.Spelling}, Kind);
    } else {
      // A moved finding is told apart by the function its line is in, not by that line.
      std::string MovedTo = anchorFunction(StateKey, Seen) + "|" + At.Name;
      Made = report::makeFinding(Rules, Site.Rule, std::move(Where), std::move(Message), Fix,
                                 {Site.Name, EnclosingName, Site.Spelling, MovedTo}, Kind);
    }
    if (!Made)
      return;
    report::Finding &F = *Made;
    F.Handler = Root.Name;
    F.Trace = trace(Root, StateKey, Seen);
    if (How != Moved::No) {
      std::string Note = siteNote(Site);
      if (How == Moved::ToOwner)
        Note += " " + Site.OnceReason + ", once per object";
      F.Trace.push_back({toLocation(Site.Where), Note});
    }
    if (intersects(Site.ArgDeps, Here.Tainted)) {
      F.Level = rules::Severity::Note;
      F.Message += "; its arguments come from the request, so building it per invocation may "
                   "be deliberate (per-tenant or per-request settings)";
    }
    BestBySite[Key] = {Here.Depth, std::move(F)};
  }

  /// For a site whose arguments are judged: the outermost call on the path at which its
  /// arguments stopped being parameters (null when they never were), or nothing when one of
  /// them varies there. Parameters of a function that is not on the path (a lambda's captures
  /// from main) were fixed before the handler ran.
  std::optional<const CallEdge *> invariantCaller(const ResourceSite &Site, std::string Key,
                                                  const SeenMap &Seen) const {
    std::set<ParamRef> Pending(Site.ArgDeps.begin(), Site.ArgDeps.end());
    const CallEdge *Outermost = nullptr;
    for (; !Pending.empty() && !Key.empty(); Key = Seen.at(Key).From) {
      const Reached &R = Seen.at(Key);
      if (!R.Via)
        break;
      std::set<ParamRef> Next;
      bool Resolved = false;
      for (const ParamRef &P : Pending) {
        if (P.Function != R.Fn) {
          Next.insert(P);
          continue;
        }
        Resolved = true;
        const CallEdge &E = *R.Via;
        if (P.Index < E.ArgVaries.size() && E.ArgVaries[P.Index])
          return std::nullopt;
        if (P.Index < E.ArgDeps.size())
          Next.insert(E.ArgDeps[P.Index].begin(), E.ArgDeps[P.Index].end());
      }
      if (Resolved)
        Outermost = R.Via;
      Pending = std::move(Next);
    }
    return Outermost;
  }

  /// The name of the user's function a moved finding's line is in: the last function on the
  /// path that is not library code.
  std::string anchorFunction(std::string Key, const SeenMap &Seen) const {
    while (!Key.empty()) {
      const Reached &R = Seen.at(Key);
      if (!G.isLibrary(R.Fn))
        return G.nameOf(R.Fn);
      Key = R.From;
    }
    return "";
  }

  std::vector<report::TraceStep> trace(const HandlerRoot &Root, std::string Key,
                                       const SeenMap &Seen) {
    std::vector<report::TraceStep> Steps;
    while (!Key.empty()) {
      const Reached &R = Seen.at(Key);
      if (!R.Via)
        break;
      Steps.push_back({toLocation(R.Via->Site), stepNote(R, G)});
      Key = R.From;
    }
    report::TraceStep First;
    const FunctionSummary *H = G.function(Root.Function);
    First.Where = toLocation(H && H->Definition.valid() ? H->Definition : Root.Registration);
    First.Note =
        "handler '" + Root.Name + "'" +
        (Root.Via == ViaSignature ? std::string(", a handler by its signature")
         : Root.Via == "rule set" ? std::string(", named as a handler by the rule set")
                                  : ", registered with '" + Root.Via + "' at " +
                                        llvm::sys::path::filename(Root.Registration.File).str() +
                                        ":" + std::to_string(Root.Registration.Line));
    Steps.push_back(std::move(First));
    std::reverse(Steps.begin(), Steps.end());
    return Steps;
  }

  std::string message(const ResourceSite &Site, const rules::ResourceKind *Kind,
                      const HandlerRoot &Root, const std::string &StateKey, const SeenMap &Seen,
                      Moved How, const Anchor &At) {
    const Reached &Here = Seen.at(StateKey);
    std::string What = Kind ? Kind->What : Site.ResourceKind;
    std::string Name = "'" + Site.Name + "'";
    // Recognised by its spelling alone: say so, since the type or function may be another
    // one of that name once the header is found.
    std::string ByName =
        Site.ByName ? "matched by name: no declaration of it was found; is a header missing?" : "";
    if (!ByName.empty() && Site.What != ResourceSite::Kind::Call)
      Name += " (" + ByName + ")";
    else if (!Site.MatchedAs.empty())
      Name += " (derives from '" + Site.MatchedAs + "')";
    std::string Head;
    switch (Site.What) {
    case ResourceSite::Kind::Construction:
      Head = What + " " + Name + " is built";
      break;
    case ResourceSite::Kind::Call:
      Head = Name + " (" + What + (ByName.empty() ? "" : "; " + ByName) + ") is called";
      break;
    case ResourceSite::Kind::FileRead:
      Head = "a file is opened for reading with " + Name;
      break;
    }
    std::string Why = Kind && !Kind->Why.empty() ? ": " + Kind->Why : "";
    std::string Every = " on every invocation of handler '" + Root.Name + "'";
    if (How == Moved::ToCaller) {
      std::string In = G.nameOf(Here.Fn);
      return Head + " in '" + In + "' with the arguments passed here," + Every + Why;
    }
    if (How == Moved::ToOwner || How == Moved::ToGuardOwner) {
      // The guard is the site's own, or that of the guarded call the path went through.
      std::string Guarded = G.nameOf(Here.Fn), Reason = Site.OnceReason;
      if (How == Moved::ToGuardOwner)
        for (std::string K = StateKey; !K.empty(); K = Seen.at(K).From)
          if (const Reached &R = Seen.at(K); R.EnteredGuard) {
            Guarded = G.nameOf(R.Via->Caller);
            Reason = R.Via->OnceReason;
            break;
          }
      return Head + Every + ": '" + Guarded + "' builds it " + Reason +
             ", once per object, and the object that holds it ('" + At.Name +
             "', built here) is built per invocation" + Why;
    }
    std::string Where = Every;
    if (Here.Depth > 0)
      if (const FunctionSummary *F = G.function(Here.Fn))
        Where =
            " in '" + F->Name + "', which runs on every invocation of handler '" + Root.Name + "'";
    return Head + Where + Why;
  }

  const CallGraph &G;
  const rules::RuleSet &Rules;
  std::set<std::string> PerCallSite; // CallGraph::reachingParameterKeyedSites
  std::map<std::string, Candidate> BestBySite;
  /// Every function some handler's walk has reached.
  std::set<std::string> ReachedFunctions;
};

/// Breadth-first from the static variables' initializers and `main`, up to where a handler is
/// registered: everything reached runs once, in Lambda's init phase. Handlers are not entered
/// (their work is per invocation); once-only contexts are followed (they run during init all
/// the same).
class InitWorkCollector {
public:
  InitWorkCollector(const CallGraph &G, const rules::RuleSet &Rules) : G(G), Rules(Rules) {
    for (const HandlerRoot *R : G.roots())
      Handlers.insert(R->Function);
  }

  report::InitWork run() {
    report::InitWork Work;
    const FunctionSummary *Main = chooseMain(Work);
    if (Main) {
      Work.MainFound = true;
      Work.Main = toLocation(Main->Definition);
    }
    // Static initializers run before main, so they are searched first; main's search then
    // skips what they already reached.
    std::vector<std::string> Starts(G.staticInitializers().begin(), G.staticInitializers().end());
    if (Main)
      Starts.push_back(Main->Id);

    std::unordered_map<std::string, Reached> Seen;
    std::set<std::string> Reported;
    for (const std::string &Start : Starts) {
      if (Seen.count(Start))
        continue;
      Seen[Start].Fn = Start;
      Seen[Start].Root = Start;
      std::deque<std::string> Queue{Start};
      while (!Queue.empty()) {
        std::string Id = Queue.front();
        Queue.pop_front();
        visit(Id, Seen, Queue, Reported, Work);
      }
    }
    std::stable_sort(Work.Items.begin(), Work.Items.end(),
                     [](const report::InitWorkItem &A, const report::InitWorkItem &B) {
                       return std::tie(A.Where.File, A.Where.Line, A.Where.Column) <
                              std::tie(B.Where.File, B.Where.Line, B.Where.Column);
                     });
    return Work;
  }

private:
  /// The function's main among several programs' (tests, tools): the one that registers a
  /// handler, directly or through what it calls. Null, with a note, when that is ambiguous.
  const FunctionSummary *chooseMain(report::InitWork &Work) const {
    std::vector<const FunctionSummary *> Mains = G.mainFunctions();
    Work.MainDefinitions = Mains.size();
    std::vector<std::string> &Notes = Work.Notes;
    if (Mains.size() <= 1)
      return Mains.empty() ? nullptr : Mains.front();
    std::vector<const FunctionSummary *> Registering;
    for (const FunctionSummary *M : Mains)
      if (registersHandler(M->Id))
        Registering.push_back(M);
    auto Places = [](const std::vector<const FunctionSummary *> &Fs) {
      std::string Out;
      for (const FunctionSummary *F : Fs)
        Out += (Out.empty() ? "" : ", ") + llvm::sys::path::filename(F->Definition.File).str() +
               ":" + std::to_string(F->Definition.Line);
      return Out;
    };
    if (Registering.size() == 1) {
      Notes.push_back("main() is defined " + std::to_string(Mains.size()) +
                      " times among the sources; the one that registers a handler (" +
                      Places(Registering) + ") is taken as the function's");
      return Registering.front();
    }
    Notes.push_back(
        "main() is defined " + std::to_string(Mains.size()) + " times (" +
        Places(Registering.empty() ? Mains : Registering) + ")" +
        (Registering.empty() ? ", none registering a handler" : ", several registering a handler") +
        ": give the function's own sources with --source to tell which is its "
        "init");
    return nullptr;
  }

  /// Whether Id, or anything it reaches, registers a handler.
  bool registersHandler(const std::string &Id) const {
    std::set<std::string> Seen{Id};
    std::deque<std::string> Queue{Id};
    while (!Queue.empty()) {
      std::string F = Queue.front();
      Queue.pop_front();
      if (!G.registrationsIn(F).empty())
        return true;
      for (const CallEdge *E : G.edgesFrom(F))
        for (const CallGraph::Target &T : G.targets(*E)) {
          if (Handlers.count(T.Id))
            return true;
          if (Seen.insert(T.Id).second)
            Queue.push_back(T.Id);
        }
    }
    return false;
  }

  /// Lists Id's sites and queues its callees, up to a handler registration it makes.
  void visit(const std::string &Id, std::unordered_map<std::string, Reached> &Seen,
             std::deque<std::string> &Queue, std::set<std::string> &Reported,
             report::InitWork &Work) const {
    // A registration call's arguments run before it does: only what follows it is cut.
    SourcePoint Cutoff = registrationPoint(Id);
    auto BeforeCutoff = [&Cutoff](const SourcePoint &P) {
      return !Cutoff.valid() || P.File != Cutoff.File || !(Cutoff < P);
    };
    const Reached Here = Seen.at(Id);
    // Library code builds what it builds for the user's line that called into it.
    bool Moved = G.isLibrary(Id) && Here.LibraryEntry.valid();
    for (const ResourceSite *Site : G.sitesIn(Id)) {
      const rules::ResourceKind *Kind = Rules.resource(Site->ResourceKind);
      if ((Kind && !Kind->Enabled) || !BeforeCutoff(Site->Where) ||
          (Moved ? Here.LibraryEntry.silences(Site->Rule) : Site->Silenced) ||
          !Reported.insert(CallGraph::key(*Site)).second)
        continue;
      Work.Items.push_back(item(*Site, Kind, Id, Seen));
    }
    for (const CallEdge *E : G.edgesFrom(Id)) {
      if (!BeforeCutoff(E->Site))
        continue;
      for (const CallGraph::Target &T : G.targets(*E)) {
        if (Handlers.count(T.Id) || Seen.count(T.Id))
          continue;
        Reached Next;
        Next.Fn = T.Id;
        Next.Via = E;
        Next.Step = T;
        Next.From = Id;
        Next.Root = Here.Root;
        Next.Depth = Here.Depth + 1;
        if (G.isLibrary(T.Id))
          Next.LibraryEntry =
              G.isLibrary(Id) ? Here.LibraryEntry : Anchor{E->Site, &E->SilencedAtSite, ""};
        Seen.emplace(T.Id, std::move(Next));
        Queue.push_back(T.Id);
      }
    }
  }

  /// Where a function hands control to the runtime: the end of its first handler registration
  /// call (`run_handler(...)`). What it does after that runs at shutdown, if ever. Invalid when
  /// the function registers no handler itself.
  SourcePoint registrationPoint(const std::string &Id) const {
    SourcePoint Cutoff;
    for (const RegistrationCall *C : G.registrationsIn(Id))
      if (C->End.valid() && (!Cutoff.valid() || C->End < Cutoff))
        Cutoff = C->End;
    return Cutoff;
  }

  report::InitWorkItem item(const ResourceSite &Site, const rules::ResourceKind *Kind,
                            const std::string &FnId,
                            const std::unordered_map<std::string, Reached> &Seen) const {
    report::InitWorkItem I;
    I.Kind = Site.ResourceKind;
    I.KindWhat = Kind ? Kind->What : Site.ResourceKind;
    I.Name = Site.Name;
    const Reached &Here = Seen.at(FnId);
    bool Moved = G.isLibrary(FnId) && Here.LibraryEntry.valid();
    I.Where = toLocation(Moved ? Here.LibraryEntry.At : Site.Where);
    const FunctionSummary *F = G.function(FnId);
    I.Function = F ? F->Name : FnId;
    if (Moved)
      I.Chain.push_back({toLocation(Site.Where), siteNote(Site)});
    std::string Id = FnId;
    for (;;) {
      const Reached &R = Seen.at(Id);
      if (!R.Via)
        break;
      I.Chain.push_back({toLocation(R.Via->Site), stepNote(R, G)});
      Id = R.From;
    }
    if (const FunctionSummary *Root = G.function(Id))
      I.Chain.push_back({toLocation(Root->Definition),
                         G.staticInitializers().count(Id)
                             ? "the " + Root->Name + ", which runs before main"
                             : "'" + Root->Name + "', where the function's init runs"});
    std::reverse(I.Chain.begin(), I.Chain.end());
    return I;
  }

  const CallGraph &G;
  const rules::RuleSet &Rules;
  std::set<std::string> Handlers;
};

} // namespace

void SummaryMerger::add(TranslationUnitSummary Summary) {
  // The same choices CallGraph makes over separate summaries: the first definition of a
  // function wins over a declaration and over later definitions, edges and sites are kept once
  // by their key, classes once by id. Joining the merged summary gives the same findings.
  for (FunctionSummary &F : Summary.Functions) {
    auto [It, Inserted] = FunctionAt.try_emplace(F.Id, Merged.Functions.size());
    if (Inserted)
      Merged.Functions.push_back(std::move(F));
    else if (!Merged.Functions[It->second].Definition.valid() && F.Definition.valid())
      Merged.Functions[It->second] = std::move(F);
  }
  for (CallEdge &E : Summary.Edges)
    if (EdgeKeys.insert(CallGraph::key(E)).second)
      Merged.Edges.push_back(std::move(E));
  for (ResourceSite &R : Summary.Sites)
    if (SiteKeys.insert(CallGraph::key(R)).second)
      Merged.Sites.push_back(std::move(R));
  for (HandlerRoot &H : Summary.Handlers)
    if (HandlerKeys.insert(H.Function + "|" + CallGraph::key(H.Registration)).second)
      Merged.Handlers.push_back(std::move(H));
  for (RegistrationCall &C : Summary.RegistrationCalls)
    if (RegistrationKeys.insert(C.Function + "|" + CallGraph::key(C.Begin)).second)
      Merged.RegistrationCalls.push_back(std::move(C));
  for (NolintProblem &P : Summary.NolintProblems)
    if (NolintKeys.insert(CallGraph::key(P.Where) + "|" + P.Message).second)
      Merged.NolintProblems.push_back(std::move(P));
  for (std::string &Id : Summary.StaticInitializers)
    if (StaticKeys.insert(Id).second)
      Merged.StaticInitializers.push_back(std::move(Id));
  for (ClassSummary &C : Summary.Classes)
    if (ClassKeys.insert(C.Id).second)
      Merged.Classes.push_back(std::move(C));
  for (std::string &Id : Summary.ConstructedClasses)
    if (ConstructedKeys.insert(Id).second)
      Merged.ConstructedClasses.push_back(std::move(Id));
}

/// The summaries by address: the join keeps pointers into them.
static std::vector<const TranslationUnitSummary *>
addresses(const std::vector<TranslationUnitSummary> &Summaries) {
  std::vector<const TranslationUnitSummary *> Out;
  Out.reserve(Summaries.size());
  for (const TranslationUnitSummary &S : Summaries)
    Out.push_back(&S);
  return Out;
}

report::InitWork findInitWork(const std::vector<TranslationUnitSummary> &Summaries,
                              const rules::RuleSet &Rules) {
  CallGraph G(addresses(Summaries));
  return InitWorkCollector(G, Rules).run();
}

std::vector<report::Finding> joinSummaries(const std::vector<TranslationUnitSummary> &Summaries,
                                           const rules::RuleSet &Rules) {
  return joinSummaries(addresses(Summaries), Rules);
}

std::vector<report::Finding>
joinSummaries(const std::vector<const TranslationUnitSummary *> &Summaries,
              const rules::RuleSet &Rules) {
  CallGraph G(Summaries);
  return FindingBuilder(G, Rules).run();
}

} // namespace coldstart::analyzer
