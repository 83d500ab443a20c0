#include "coldstart/analyzer/Join.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace coldstart::analyzer {

namespace {

/// The summaries merged into one graph. Functions defined in headers appear in every TU that
/// includes them; their edges and sites are kept once.
class CallGraph {
public:
  explicit CallGraph(const std::vector<TranslationUnitSummary> &Summaries) {
    std::set<std::string> EdgeKeys, SiteKeys;
    for (const TranslationUnitSummary &S : Summaries) {
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
  std::unordered_map<std::string, const FunctionSummary *> Functions;
  std::unordered_map<std::string, std::vector<const CallEdge *>> Out;
  std::unordered_map<std::string, std::vector<const ResourceSite *>> Sites;
  std::vector<const HandlerRoot *> Roots;
  std::unordered_map<std::string, std::vector<const RegistrationCall *>> Registrations;
  std::set<std::string> StaticInitializers;
  const std::vector<const RegistrationCall *> NoRegistrations;
  const std::vector<const CallEdge *> None;
  const std::vector<const ResourceSite *> NoSites;
};

/// How one function was reached from a handler: the edge taken and the request-derived
/// parameters known on that path.
struct Reached {
  const CallEdge *Via = nullptr;
  std::string From;
  std::string Root; // where the search started (init work: main or a static initializer)
  unsigned Depth = 0;
  std::set<ParamRef> Tainted;
};

bool intersects(const std::vector<ParamRef> &Deps, const std::set<ParamRef> &Tainted) {
  for (const ParamRef &P : Deps)
    if (Tainted.count(P))
      return true;
  return false;
}

std::string stepNote(const CallEdge &E) {
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

report::Location toLocation(const SourcePoint &P) {
  report::Location L;
  L.File = P.File;
  L.Line = P.Line;
  L.Column = P.Column;
  return L;
}

class FindingBuilder {
public:
  FindingBuilder(const CallGraph &G, const rules::RuleSet &Rules) : G(G), Rules(Rules) {}

  std::vector<report::Finding> run() {
    for (const HandlerRoot *Root : G.roots())
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

  /// Breadth-first from the handler, so each function is reached by a shortest chain.
  void explore(const HandlerRoot &Root) {
    std::unordered_map<std::string, Reached> Seen;
    std::deque<std::string> Queue;
    Reached &Start = Seen[Root.Function];
    if (const FunctionSummary *F = G.function(Root.Function))
      for (unsigned I = 0; I < F->ParamNames.size(); ++I)
        Start.Tainted.insert({Root.Function, I});
    Queue.push_back(Root.Function);
    while (!Queue.empty()) {
      std::string Id = Queue.front();
      Queue.pop_front();
      const Reached &Here = Seen[Id];
      for (const ResourceSite *Site : G.sitesIn(Id))
        if (!Site->onceOnly())
          report(Root, Id, *Site, Seen);
      for (const CallEdge *E : G.edgesFrom(Id)) {
        if (E->onceOnly() || Seen.count(E->Callee))
          continue;
        Reached Next;
        Next.Via = E;
        Next.From = Id;
        Next.Depth = Here.Depth + 1;
        Next.Tainted = Here.Tainted;
        for (unsigned I = 0; I < E->ArgDeps.size(); ++I)
          if (intersects(E->ArgDeps[I], Here.Tainted))
            Next.Tainted.insert({E->Callee, I});
        Seen.emplace(E->Callee, std::move(Next));
        Queue.push_back(E->Callee);
      }
    }
  }

  void report(const HandlerRoot &Root, const std::string &FnId, const ResourceSite &Site,
              const std::unordered_map<std::string, Reached> &Seen) {
    const rules::ResourceKind *Kind = Rules.resource(Site.ResourceKind);
    const Reached &Here = Seen.at(FnId);
    std::string Key = CallGraph::key(Site);
    auto Existing = BestBySite.find(Key);
    if (Existing != BestBySite.end() && Existing->second.Depth <= Here.Depth)
      return;

    const FunctionSummary *Enclosing = G.function(FnId);
    report::Location Where = toLocation(Site.Where);
    Where.EndLine = Site.End.Line;
    Where.EndColumn = Site.End.Column;
    std::optional<report::Finding> Made =
        report::makeFinding(Rules, Site.Rule, std::move(Where),
                            message(Site, Kind, Root, FnId, Here.Depth), Kind ? Kind->Fix : "",
                            {Site.Name, Enclosing ? Enclosing->Name : FnId, Site.Spelling}, Kind);
    if (!Made)
      return;
    report::Finding &F = *Made;
    F.Handler = Root.Name;
    F.Trace = trace(Root, FnId, Seen);
    if (intersects(Site.ArgDeps, Here.Tainted)) {
      F.Level = rules::Severity::Note;
      F.Message += "; its arguments come from the request, so building it per invocation may "
                   "be deliberate (per-tenant or per-request settings)";
    }
    BestBySite[Key] = {Here.Depth, std::move(F)};
  }

  std::vector<report::TraceStep> trace(const HandlerRoot &Root, const std::string &FnId,
                                       const std::unordered_map<std::string, Reached> &Seen) {
    std::vector<report::TraceStep> Steps;
    for (std::string Id = FnId; !Id.empty();) {
      const Reached &R = Seen.at(Id);
      if (!R.Via)
        break;
      Steps.push_back({toLocation(R.Via->Site), stepNote(*R.Via)});
      Id = R.From;
    }
    report::TraceStep First;
    const FunctionSummary *H = G.function(Root.Function);
    First.Where = toLocation(H && H->Definition.valid() ? H->Definition : Root.Registration);
    First.Note =
        "handler '" + Root.Name + "'" +
        (Root.Via == "rule set" ? std::string(", named as a handler by the rule set")
                                : ", registered with '" + Root.Via + "' at " +
                                      llvm::sys::path::filename(Root.Registration.File).str() +
                                      ":" + std::to_string(Root.Registration.Line));
    Steps.push_back(std::move(First));
    std::reverse(Steps.begin(), Steps.end());
    return Steps;
  }

  std::string message(const ResourceSite &Site, const rules::ResourceKind *Kind,
                      const HandlerRoot &Root, const std::string &FnId, unsigned Depth) {
    std::string What = Kind ? Kind->What : Site.ResourceKind;
    std::string Name = "'" + Site.Name + "'";
    if (!Site.MatchedAs.empty())
      Name += " (derives from '" + Site.MatchedAs + "')";
    std::string Head;
    switch (Site.What) {
    case ResourceSite::Kind::Construction:
      Head = What + " " + Name + " is built";
      break;
    case ResourceSite::Kind::Call:
      Head = Name + " (" + What + ") is called";
      break;
    case ResourceSite::Kind::FileRead:
      Head = "a file is opened for reading with " + Name;
      break;
    }
    std::string Where = " on every invocation of handler '" + Root.Name + "'";
    if (Depth > 0)
      if (const FunctionSummary *F = G.function(FnId))
        Where =
            " in '" + F->Name + "', which runs on every invocation of handler '" + Root.Name + "'";
    std::string Why = Kind && !Kind->Why.empty() ? ": " + Kind->Why : "";
    return Head + Where + Why;
  }

  const CallGraph &G;
  const rules::RuleSet &Rules;
  std::map<std::string, Candidate> BestBySite;
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
      for (const CallEdge *E : G.edgesFrom(F)) {
        if (Handlers.count(E->Callee))
          return true;
        if (Seen.insert(E->Callee).second)
          Queue.push_back(E->Callee);
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
    for (const ResourceSite *Site : G.sitesIn(Id)) {
      const rules::ResourceKind *Kind = Rules.resource(Site->ResourceKind);
      if ((Kind && !Kind->Enabled) || !BeforeCutoff(Site->Where) ||
          !Reported.insert(CallGraph::key(*Site)).second)
        continue;
      Work.Items.push_back(item(*Site, Kind, Id, Seen));
    }
    const Reached Here = Seen.at(Id);
    for (const CallEdge *E : G.edgesFrom(Id)) {
      if (Handlers.count(E->Callee) || Seen.count(E->Callee) || !BeforeCutoff(E->Site))
        continue;
      Reached Next;
      Next.Via = E;
      Next.From = Id;
      Next.Root = Here.Root;
      Next.Depth = Here.Depth + 1;
      Seen.emplace(E->Callee, std::move(Next));
      Queue.push_back(E->Callee);
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
    I.Where = toLocation(Site.Where);
    const FunctionSummary *F = G.function(FnId);
    I.Function = F ? F->Name : FnId;
    std::string Id = FnId;
    for (;;) {
      const Reached &R = Seen.at(Id);
      if (!R.Via)
        break;
      I.Chain.push_back({toLocation(R.Via->Site), stepNote(*R.Via)});
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

report::InitWork findInitWork(const std::vector<TranslationUnitSummary> &Summaries,
                              const rules::RuleSet &Rules) {
  CallGraph G(Summaries);
  return InitWorkCollector(G, Rules).run();
}

std::vector<report::Finding> joinSummaries(const std::vector<TranslationUnitSummary> &Summaries,
                                           const rules::RuleSet &Rules) {
  CallGraph G(Summaries);
  return FindingBuilder(G, Rules).run();
}

} // namespace coldstart::analyzer
