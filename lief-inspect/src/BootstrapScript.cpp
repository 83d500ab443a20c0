#include "BootstrapScript.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace coldstart::inspect::detail {

using llvm::StringRef;

bool isDynamicLoaderName(const std::string &FileName) {
  StringRef N(FileName);
  return N.starts_with("ld-") && N.contains(".so");
}

bool isShellInterpreter(const std::string &Interpreter) {
  StringRef Line = StringRef(Interpreter).trim();
  StringRef Program = Line.split(' ').first;
  StringRef Name = Program.rsplit('/').second.empty() ? Program : Program.rsplit('/').second;
  if (Name == "env") {
    // "#!/usr/bin/env bash": the first word that is not an option names the interpreter.
    StringRef Rest = Line.split(' ').second.trim();
    while (Rest.starts_with("-"))
      Rest = Rest.split(' ').second.trim();
    Name = Rest.split(' ').first;
  }
  return Name == "sh" || Name == "bash" || Name == "dash" || Name == "ash" || Name == "ksh" ||
         Name == "mksh";
}

namespace {

/// A value longer than this is not followed: a hostile script doubling a variable in a loop of
/// assignments would otherwise grow it without bound.
constexpr size_t MaxValueBytes = size_t(64) * 1024;
/// Command substitutions nested deeper than this are not evaluated.
constexpr unsigned MaxSubstitutionDepth = 8;
/// Compound commands (if, loops, subshells, functions) nested deeper than this are not followed.
constexpr size_t MaxFrames = 256;

// --- paths -------------------------------------------------------------------------------------

/// "/var/task/./lib/../bin" -> "/var/task/bin": the folder the kernel would open when no
/// component is a link (".." is taken lexically).
std::string normalizePath(StringRef Path) {
  llvm::SmallVector<StringRef, 16> Parts, Out;
  Path.split(Parts, '/', -1, false);
  for (StringRef P : Parts) {
    if (P == ".")
      continue;
    if (P == "..") {
      if (!Out.empty())
        Out.pop_back();
      continue;
    }
    Out.push_back(P);
  }
  std::string Result;
  for (StringRef P : Out)
    Result += "/" + P.str();
  return Result.empty() ? "/" : Result;
}

std::string resolveAgainst(StringRef Cwd, StringRef Path) {
  if (Path.starts_with("/"))
    return normalizePath(Path);
  return normalizePath(Cwd.str() + "/" + Path.str());
}

/// dirname(1): trailing slashes dropped, then the last component.
std::string dirnameOf(StringRef Path) {
  StringRef P = Path;
  while (P.size() > 1 && P.ends_with("/"))
    P = P.drop_back();
  size_t Slash = P.rfind('/');
  if (Slash == StringRef::npos)
    return ".";
  StringRef Dir = P.take_front(Slash);
  while (Dir.size() > 1 && Dir.ends_with("/"))
    Dir = Dir.drop_back();
  return Dir.empty() ? "/" : Dir.str();
}

std::string basenameOf(StringRef Path) {
  StringRef P = Path;
  while (P.size() > 1 && P.ends_with("/"))
    P = P.drop_back();
  size_t Slash = P.rfind('/');
  return Slash == StringRef::npos || P == "/" ? P.str() : P.drop_front(Slash + 1).str();
}

/// Shell pattern match with '*' and '?' (bracket expressions are not supported: Unsupported).
bool globMatch(StringRef Pattern, StringRef Text, bool &Unsupported) {
  if (Pattern.contains('[')) {
    Unsupported = true;
    return false;
  }
  // Iterative match with backtracking to the last '*'.
  size_t P = 0, T = 0, Star = StringRef::npos, Mark = 0;
  while (T < Text.size()) {
    if (P < Pattern.size() && (Pattern[P] == '?' || Pattern[P] == Text[T])) {
      ++P;
      ++T;
    } else if (P < Pattern.size() && Pattern[P] == '*') {
      Star = P++;
      Mark = T;
    } else if (Star != StringRef::npos) {
      P = Star + 1;
      T = ++Mark;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

bool isNameStart(char C) {
  return std::isalpha(static_cast<unsigned char>(C)) || C == '_';
}
bool isNameChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_';
}

// --- the extent of quoted text and substitutions -------------------------------------------------
// Each takes the index of the opening character and returns the index just past the closing one,
// or npos when the script ends first.

constexpr size_t NoEnd = StringRef::npos;

/// Nesting of quotes and substitutions deeper than this is not followed (the scanners recurse).
constexpr unsigned MaxNesting = 128;

size_t endOfDouble(StringRef S, size_t Open, unsigned Nesting = 0);
size_t endOfParen(StringRef S, size_t Open, unsigned Nesting = 0);

size_t endOfSingle(StringRef S, size_t Open) {
  size_t Close = S.find('\'', Open + 1);
  return Close == StringRef::npos ? NoEnd : Close + 1;
}

size_t endOfBacktick(StringRef S, size_t Open) {
  for (size_t K = Open + 1; K < S.size(); ++K) {
    if (S[K] == '\\')
      ++K;
    else if (S[K] == '`')
      return K + 1;
  }
  return NoEnd;
}

size_t endOfBrace(StringRef S, size_t Open, unsigned Nesting = 0) {
  if (Nesting > MaxNesting)
    return NoEnd;
  int Depth = 0;
  for (size_t K = Open; K < S.size();) {
    char C = S[K];
    size_t Next = K + 1;
    if (C == '\\')
      Next = K + 2;
    else if (C == '\'')
      Next = endOfSingle(S, K);
    else if (C == '"')
      Next = endOfDouble(S, K, Nesting + 1);
    else if (C == '`')
      Next = endOfBacktick(S, K);
    else if (C == '$' && K + 1 < S.size() && S[K + 1] == '(')
      Next = endOfParen(S, K + 1, Nesting + 1);
    else if (C == '{')
      ++Depth;
    else if (C == '}' && --Depth == 0)
      return K + 1;
    if (Next == NoEnd)
      return NoEnd;
    K = Next;
  }
  return NoEnd;
}

size_t endOfParen(StringRef S, size_t Open, unsigned Nesting) {
  if (Nesting > MaxNesting)
    return NoEnd;
  int Depth = 0;
  for (size_t K = Open; K < S.size();) {
    char C = S[K];
    size_t Next = K + 1;
    if (C == '\\')
      Next = K + 2;
    else if (C == '\'')
      Next = endOfSingle(S, K);
    else if (C == '"')
      Next = endOfDouble(S, K, Nesting + 1);
    else if (C == '`')
      Next = endOfBacktick(S, K);
    else if (C == '#' && (K == 0 || S[K - 1] == ' ' || S[K - 1] == '\t' || S[K - 1] == '\n')) {
      Next = S.find('\n', K);
      if (Next == StringRef::npos)
        Next = S.size();
    } else if (C == '(')
      ++Depth;
    else if (C == ')' && --Depth == 0)
      return K + 1;
    if (Next == NoEnd)
      return NoEnd;
    K = Next;
  }
  return NoEnd;
}

size_t endOfDouble(StringRef S, size_t Open, unsigned Nesting) {
  if (Nesting > MaxNesting)
    return NoEnd;
  for (size_t K = Open + 1; K < S.size();) {
    char C = S[K];
    size_t Next = K + 1;
    if (C == '\\')
      Next = K + 2;
    else if (C == '"')
      return K + 1;
    else if (C == '$' && K + 1 < S.size() && S[K + 1] == '(')
      Next = endOfParen(S, K + 1, Nesting + 1);
    else if (C == '$' && K + 1 < S.size() && S[K + 1] == '{')
      Next = endOfBrace(S, K + 1, Nesting + 1);
    else if (C == '`')
      Next = endOfBacktick(S, K);
    if (Next == NoEnd)
      return NoEnd;
    K = Next;
  }
  return NoEnd;
}

// --- lexing ------------------------------------------------------------------------------------

enum class TokKind { Word, Op, Newline };

struct Token {
  TokKind Kind = TokKind::Word;
  std::string Text; // a word as written (quotes kept, continuations removed), or the operator
  unsigned Line = 1;
  size_t Begin = 0, End = 0; // offsets in the script
};

bool isRedirection(const Token &T) {
  return T.Kind == TokKind::Op &&
         (StringRef(T.Text).contains('<') || StringRef(T.Text).contains('>'));
}

/// The shell's tokens: words (quotes and substitutions kept whole), operators and newlines;
/// comments, line continuations and here-document bodies dropped.
class Lexer {
public:
  explicit Lexer(StringRef S) : S(S) {}

  /// False when a quote or a substitution is not closed (Error names where it opens).
  bool run(std::vector<Token> &Out) {
    static const char *const Ops[] = {"&>>", "<<<", "<<-", ";;&", "&&", "||", ";;", ";&",
                                      "|&",  "&>",  "<<",  ">>",  ">&", "<&", ">|", "<>",
                                      ";",   "&",   "|",   "(",   ")",  "<",  ">"};
    bool HereDelimiterNext = false, StripTabs = false;
    while (I < S.size()) {
      char C = S[I];
      if (C == ' ' || C == '\t' || C == '\r') {
        ++I;
        continue;
      }
      if (C == '\\' && I + 1 < S.size() && S[I + 1] == '\n') {
        I += 2;
        ++Line;
        continue;
      }
      if (C == '#') {
        size_t Nl = S.find('\n', I);
        I = Nl == StringRef::npos ? S.size() : Nl;
        continue;
      }
      if (C == '\n') {
        Out.push_back({TokKind::Newline, "\n", Line, I, I + 1});
        ++I;
        ++Line;
        skipHereDocuments();
        continue;
      }
      bool IsOp = false;
      for (const char *Op : Ops)
        if (S.substr(I).starts_with(Op)) {
          size_t Len = StringRef(Op).size();
          Out.push_back({TokKind::Op, Op, Line, I, I + Len});
          I += Len;
          if (StringRef(Op) == "<<" || StringRef(Op) == "<<-") {
            HereDelimiterNext = true;
            StripTabs = StringRef(Op) == "<<-";
          }
          IsOp = true;
          break;
        }
      if (IsOp)
        continue;
      size_t Begin = I;
      unsigned StartLine = Line;
      std::string Raw;
      if (!scanWord(Raw)) {
        Error = "line " + std::to_string(StartLine) +
                ": a quote or substitution is not closed (or nests deeper than " +
                std::to_string(MaxNesting) + " levels)";
        return false;
      }
      Line += unsigned(std::count(S.begin() + Begin, S.begin() + I, '\n'));
      // "2>&1", "2>/dev/null": the digits are the redirection's file descriptor.
      if (I < S.size() && (S[I] == '<' || S[I] == '>') && llvm::all_of(Raw, llvm::isDigit)) {
        for (const char *Op : Ops)
          if (S.substr(I).starts_with(Op)) {
            size_t Len = StringRef(Op).size();
            Out.push_back({TokKind::Op, Raw + Op, StartLine, Begin, I + Len});
            I += Len;
            break;
          }
        continue;
      }
      Out.push_back({TokKind::Word, Raw, StartLine, Begin, I});
      if (HereDelimiterNext) {
        std::string Delimiter;
        for (char D : Raw)
          if (D != '\'' && D != '"' && D != '\\')
            Delimiter += D;
        Pending.push_back({Delimiter, StripTabs});
        HereDelimiterNext = false;
      }
    }
    return true;
  }

  std::string Error;

private:
  StringRef S;
  size_t I = 0;
  unsigned Line = 1;
  struct HereDocument {
    std::string Delimiter;
    bool StripTabs = false;
  };
  std::vector<HereDocument> Pending;

  bool scanWord(std::string &Raw) {
    while (I < S.size()) {
      char C = S[I];
      if (StringRef(" \t\r\n;&|()<>").contains(C))
        break;
      size_t End = I + 1;
      if (C == '\\') {
        if (I + 1 < S.size() && S[I + 1] == '\n') {
          I += 2; // a continuation inside a word joins its parts
          continue;
        }
        End = std::min(I + 2, S.size());
      } else if (C == '\'') {
        End = endOfSingle(S, I);
      } else if (C == '"') {
        End = endOfDouble(S, I);
      } else if (C == '`') {
        End = endOfBacktick(S, I);
      } else if (C == '$' && I + 1 < S.size() && S[I + 1] == '(') {
        End = endOfParen(S, I + 1);
      } else if (C == '$' && I + 1 < S.size() && S[I + 1] == '{') {
        End = endOfBrace(S, I + 1);
      }
      if (End == NoEnd)
        return false;
      Raw += S.slice(I, End).str();
      I = End;
    }
    return true;
  }

  void skipHereDocuments() {
    for (const HereDocument &H : Pending) {
      while (I < S.size()) {
        size_t Nl = S.find('\n', I);
        StringRef L = S.slice(I, Nl == StringRef::npos ? S.size() : Nl).rtrim('\r');
        if (H.StripTabs)
          L = L.ltrim('\t');
        I = Nl == StringRef::npos ? S.size() : Nl + 1;
        ++Line;
        if (L == H.Delimiter)
          break;
      }
    }
    Pending.clear();
  }
};

// --- values ------------------------------------------------------------------------------------

/// A value as far as the shell's state tells it: known text, or why it is not known (a
/// predicate: "uses $APP, which neither the script nor Lambda sets ...").
struct Value {
  bool Known = true;
  std::string Text;
  std::string Why;
  std::vector<std::string> Notes; // assumptions made on the way ("line 3: ${A:-x} taken as ...")

  static Value unknown(std::string Why) {
    Value V;
    V.Known = false;
    V.Why = std::move(Why);
    return V;
  }
  void append(const Value &Other) {
    for (const std::string &N : Other.Notes)
      if (!llvm::is_contained(Notes, N))
        Notes.push_back(N);
    if (!Known)
      return;
    if (!Other.Known) {
      Known = false;
      Why = Other.Why;
      Text.clear();
      return;
    }
    if (Text.size() + Other.Text.size() > MaxValueBytes) {
      Known = false;
      Why = "builds a value longer than " + std::to_string(MaxValueBytes) + " bytes";
      Text.clear();
      return;
    }
    Text += Other.Text;
  }
};

/// A variable of the shell.
struct Var {
  enum Kind {
    Set,     // known text
    Unset,   // known not to be set
    RunTime, // set by Lambda, its value known only at run time (_HANDLER)
    Outside, // neither the script nor Lambda sets it (the function's configuration may)
    Unknown, // set by the script to something not known (Why)
  } K = Outside;
  std::string Text;
  std::string Why;
  std::vector<std::string> Notes;
  bool FromScript = false; // the script assigned it

  static Var set(std::string Text, bool FromScript) {
    Var V;
    V.K = Set;
    V.Text = std::move(Text);
    V.FromScript = FromScript;
    return V;
  }
};

/// Variables Lambda sets for every function, whose values only the run knows ("Defined runtime
/// environment variables", AWS Lambda Developer Guide).
bool isLambdaRunTimeVariable(StringRef Name) {
  static const char *const Names[] = {"_HANDLER",
                                      "_X_AMZN_TRACE_ID",
                                      "AWS_REGION",
                                      "AWS_DEFAULT_REGION",
                                      "AWS_LAMBDA_FUNCTION_NAME",
                                      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                                      "AWS_LAMBDA_FUNCTION_VERSION",
                                      "AWS_LAMBDA_INITIALIZATION_TYPE",
                                      "AWS_LAMBDA_LOG_GROUP_NAME",
                                      "AWS_LAMBDA_LOG_STREAM_NAME",
                                      "AWS_ACCESS_KEY",
                                      "AWS_ACCESS_KEY_ID",
                                      "AWS_SECRET_ACCESS_KEY",
                                      "AWS_SESSION_TOKEN",
                                      "AWS_LAMBDA_RUNTIME_API",
                                      "AWS_XRAY_CONTEXT_MISSING",
                                      "AWS_XRAY_DAEMON_ADDRESS"};
  return llvm::is_contained(Names, Name);
}

/// One word expanded: its fields after splitting, or why it is not known.
struct Expansion {
  bool Known = true;
  std::string Why;
  std::vector<std::string> Fields;
  std::vector<std::string> Notes;
  bool Glob = false; // an unquoted *, ? or [ (pathname expansion at run time)
};

/// The shell's state while the script is followed, and word expansion against it.
class Shell {
public:
  Shell(const std::string &ScriptPath, const ScriptEnvironment &Env)
      : ScriptPath(ScriptPath),
        ResolvedScriptPath(Env.ResolvedScriptPath.empty() ? ScriptPath : Env.ResolvedScriptPath) {
    Vars["LAMBDA_TASK_ROOT"] = Var::set(Env.TaskRoot, false);
    Vars["LAMBDA_RUNTIME_DIR"] = Var::set(Env.RuntimeDir, false);
    Vars["LD_LIBRARY_PATH"] = Var::set(llvm::join(Env.LdLibraryPath, ":"), false);
    Vars["PATH"] = Var::set(llvm::join(Env.Path, ":"), false);
    Cwd.Text = Env.TaskRoot;
  }

  std::map<std::string, Var> Vars;
  Value Cwd;                   // the working folder (PWD)
  std::vector<Value> DirStack; // pushd
  /// After `source` or `eval`: why a variable the script has not assigned since is not known.
  std::optional<std::string> Opaque;
  unsigned Line = 0; // the line being followed, for notes

  Var lookup(const std::string &Name) const {
    auto It = Vars.find(Name);
    if (It != Vars.end())
      return It->second;
    Var V;
    if (Opaque) {
      V.K = Var::Unknown;
      V.Why = "uses $" + Name + ", which " + *Opaque;
    } else if (isLambdaRunTimeVariable(Name)) {
      V.K = Var::RunTime;
    }
    return V;
  }

  /// The word's fields (split at IFS when Split), quotes removed.
  Expansion expand(StringRef Raw, bool Split) {
    Expansion E;
    std::string Cur;
    bool Started = false;
    auto Flush = [&] {
      if (Started || !Cur.empty())
        E.Fields.push_back(Cur);
      Cur.clear();
      Started = false;
    };
    size_t Total = 0; // bytes of the fields so far
    auto Merge = [&](const Value &V) {
      if (E.Known && !V.Known) {
        E.Known = false;
        E.Why = V.Why;
      }
      for (const std::string &N : V.Notes)
        if (!llvm::is_contained(E.Notes, N))
          E.Notes.push_back(N);
      Total += V.Text.size();
      if (E.Known && Total > MaxValueBytes) {
        E.Known = false;
        E.Why = "builds a word longer than " + std::to_string(MaxValueBytes) + " bytes";
      }
    };
    auto AddSplit = [&](const std::string &Text) {
      std::string Ifs = ifs();
      size_t K = 0;
      while (K < Text.size()) {
        if (Ifs.find(Text[K]) != std::string::npos) {
          Flush();
          while (K < Text.size() && Ifs.find(Text[K]) != std::string::npos)
            ++K;
          continue;
        }
        Cur += Text[K++];
      }
    };
    for (size_t I = 0; I < Raw.size() && E.Known;) {
      char C = Raw[I];
      if (C == '\\') {
        if (I + 1 < Raw.size())
          Cur += Raw[I + 1];
        Started = true;
        I += 2;
        continue;
      }
      if (C == '\'') {
        size_t End = endOfSingle(Raw, I);
        End = End == NoEnd ? Raw.size() : End;
        Cur += Raw.slice(I + 1, End - 1).str();
        Started = true;
        I = End;
        continue;
      }
      if (C == '"') {
        size_t End = endOfDouble(Raw, I);
        End = End == NoEnd ? Raw.size() : End;
        StringRef Inner = Raw.slice(I + 1, End - 1);
        I = End;
        if (Inner == "$@" || Inner == "${@}")
          continue; // "$@": one field per argument, and Lambda passes none
        Value V = expandQuoted(Inner);
        Merge(V);
        Cur += V.Text;
        Started = true;
        continue;
      }
      if (C == '$' || C == '`') {
        size_t Used = 0;
        Value V = C == '$' ? expandDollar(Raw.substr(I), Used) : backtick(Raw.substr(I), Used);
        I += Used;
        Merge(V);
        if (Split)
          AddSplit(V.Text);
        else
          Cur += V.Text;
        continue;
      }
      if (C == '~' && I == 0) {
        Merge(Value::unknown("uses ~, the home folder, known only at run time"));
        Cur += C;
        ++I;
        continue;
      }
      if (C == '*' || C == '?' || C == '[')
        E.Glob = true;
      Cur += C;
      ++I;
    }
    Flush();
    if (!E.Known) {
      // An unknown word stays one field, as written.
      E.Fields = {Raw.str()};
    }
    return E;
  }

  /// A word expanded without field splitting (an assignment's value, a cd folder): its fields
  /// joined by a space.
  Value value(StringRef Raw) {
    Expansion E = expand(Raw, false);
    Value V;
    V.Known = E.Known;
    V.Why = E.Why;
    V.Notes = E.Notes;
    V.Text = llvm::join(E.Fields, " ");
    return V;
  }

  /// The working folder after `cd Dir`.
  Value changeDirectory(const Value &Dir) {
    if (!Dir.Known)
      return Dir;
    if (!StringRef(Dir.Text).starts_with("/") && !Cwd.Known)
      return Cwd;
    Value Out = Dir;
    Out.Text = resolveAgainst(Cwd.Text, Dir.Text);
    Out.Notes.insert(Out.Notes.begin(), Cwd.Notes.begin(), Cwd.Notes.end());
    return Out;
  }

private:
  std::string ScriptPath, ResolvedScriptPath;
  unsigned Depth = 0; // command substitutions being evaluated

  std::string ifs() const {
    auto It = Vars.find("IFS");
    if (It != Vars.end() && It->second.K == Var::Set)
      return It->second.Text;
    return " \t\n";
  }

  Value expandQuoted(StringRef Inner) {
    Value Out;
    for (size_t I = 0; I < Inner.size();) {
      char C = Inner[I];
      if (C == '\\' && I + 1 < Inner.size() && StringRef("$`\"\\\n").contains(Inner[I + 1])) {
        if (Inner[I + 1] != '\n')
          Out.Text += Inner[I + 1];
        I += 2;
        continue;
      }
      if (C == '$' || C == '`') {
        size_t Used = 0;
        Out.append(C == '$' ? expandDollar(Inner.substr(I), Used)
                            : backtick(Inner.substr(I), Used));
        I += Used;
        continue;
      }
      Out.Text += C;
      ++I;
    }
    return Out;
  }

  Value text(std::string T) {
    Value V;
    V.Text = std::move(T);
    return V;
  }

  /// The $-form at the start of S; Used is how many characters it took.
  Value expandDollar(StringRef S, size_t &Used) {
    if (S.size() < 2) {
      Used = S.size();
      return text(S.str());
    }
    char N = S[1];
    if (N == '(') {
      size_t End = endOfParen(S, 1);
      Used = End == NoEnd ? S.size() : End;
      if (S.starts_with("$(("))
        return Value::unknown("uses arithmetic expansion, which coldstart does not evaluate");
      return substitute(S.slice(2, Used - 1));
    }
    if (N == '{') {
      size_t End = endOfBrace(S, 1);
      Used = End == NoEnd ? S.size() : End;
      return parameter(S.slice(2, Used - 1), S.take_front(Used));
    }
    if (N == '\'') {
      // $'...': bash's quoting with C escapes.
      size_t End = endOfSingle(S, 1);
      Used = End == NoEnd ? S.size() : End;
      StringRef Inner = S.slice(2, Used - 1);
      std::string Out;
      for (size_t I = 0; I < Inner.size(); ++I) {
        if (Inner[I] != '\\' || I + 1 == Inner.size()) {
          Out += Inner[I];
          continue;
        }
        char E = Inner[++I];
        Out += E == 'n' ? '\n' : E == 't' ? '\t' : E == 'r' ? '\r' : E;
      }
      return text(Out);
    }
    if (isNameStart(N)) {
      size_t End = 1;
      while (End < S.size() && isNameChar(S[End]))
        ++End;
      Used = End;
      return variable(S.slice(1, End).str(), "", "", S.take_front(Used));
    }
    Used = 2;
    if (std::isdigit(static_cast<unsigned char>(N)))
      return variable(std::string(1, N), "", "", S.take_front(2));
    switch (N) {
    case '@':
    case '*':
      return text(""); // Lambda starts bootstrap with no arguments
    case '#':
      return text("0");
    case '?':
    case '$':
    case '!':
    case '-':
      return Value::unknown("uses $" + std::string(1, N) + ", known only at run time");
    default:
      Used = 1;
      return text("$");
    }
  }

  Value backtick(StringRef S, size_t &Used) {
    size_t End = endOfBacktick(S, 0);
    Used = End == NoEnd ? S.size() : End;
    std::string Inner;
    StringRef Body = S.slice(1, Used - 1);
    for (size_t I = 0; I < Body.size(); ++I) {
      if (Body[I] == '\\' && I + 1 < Body.size() && StringRef("$`\\").contains(Body[I + 1]))
        ++I;
      Inner += Body[I];
    }
    return substitute(Inner);
  }

  /// ${...}: Content is what is between the braces, Whole the form as written.
  Value parameter(StringRef Content, StringRef Whole) {
    if (Content == "#" || Content == "@" || Content == "*")
      return text(Content == "#" ? "0" : "");
    if (Content == "BASH_SOURCE" || Content == "BASH_SOURCE[0]")
      return text(ScriptPath);
    bool Length = Content.consume_front("#");
    size_t End = 0;
    if (!Content.empty() && std::isdigit(static_cast<unsigned char>(Content[0])))
      while (End < Content.size() && std::isdigit(static_cast<unsigned char>(Content[End])))
        ++End;
    else
      while (End < Content.size() && isNameChar(Content[End]))
        ++End;
    std::string Name = Content.take_front(End).str();
    StringRef Rest = Content.drop_front(End);
    if (Name.empty() || (Length && !Rest.empty()))
      return Value::unknown("uses " + Whole.str() +
                            ", a parameter expansion coldstart does not evaluate");
    if (Length) {
      Value V = variable(Name, "", "", Whole);
      if (V.Known)
        V.Text = std::to_string(V.Text.size());
      return V;
    }
    for (StringRef Op : {":-", ":=", ":+", ":?", "-", "=", "+", "?", "%%", "%", "##", "#"})
      if (Rest.starts_with(Op))
        return variable(Name, Op.str(), Rest.drop_front(Op.size()), Whole);
    if (!Rest.empty())
      return Value::unknown("uses " + Whole.str() +
                            ", a parameter expansion coldstart does not evaluate");
    return variable(Name, "", "", Whole);
  }

  /// $Name, or ${Name<Op><Word>}.
  Value variable(const std::string &Name, const std::string &Op, StringRef Word, StringRef Whole) {
    Var V;
    if (Name == "0") {
      V = Var::set(ScriptPath, false);
    } else if (std::isdigit(static_cast<unsigned char>(Name[0]))) {
      V.K = Var::Unset; // positional parameters: Lambda passes none
    } else if (Name == "PWD") {
      if (!Cwd.Known)
        return Cwd;
      V = Var::set(Cwd.Text, false);
      V.Notes = Cwd.Notes;
    } else {
      V = lookup(Name);
    }
    auto Known = [&](const std::string &T) {
      Value Out = text(T);
      Out.Notes = V.Notes;
      return Out;
    };
    auto NotKnown = [&]() {
      if (V.K == Var::Unknown)
        return Value::unknown(V.Why);
      if (V.K == Var::RunTime)
        return Value::unknown("uses $" + Name + ", which Lambda sets only at run time");
      return Value::unknown("uses $" + Name +
                            ", which neither the script nor Lambda sets (a variable from "
                            "outside the script, such as the function's configuration)");
    };
    bool IsSet = V.K == Var::Set;
    bool NonEmpty = IsSet && !V.Text.empty();
    if (Op.empty()) {
      if (IsSet)
        return Known(V.Text);
      if (V.K == Var::Unset)
        return text("");
      return NotKnown();
    }
    if (Op == "%" || Op == "%%" || Op == "#" || Op == "##") {
      if (!IsSet)
        return V.K == Var::Unset ? text("") : NotKnown();
      Value Pattern = value(Word);
      if (!Pattern.Known)
        return Pattern;
      bool Unsupported = false;
      std::string T = V.Text;
      bool Longest = Op.size() == 2;
      std::string Result = T;
      if (Op[0] == '%') {
        // Remove the shortest (or longest) matching suffix.
        for (size_t K = 0; K <= T.size(); ++K) {
          size_t From = Longest ? K : T.size() - K;
          if (globMatch(Pattern.Text, StringRef(T).substr(From), Unsupported)) {
            Result = T.substr(0, From);
            break;
          }
        }
      } else {
        for (size_t K = 0; K <= T.size(); ++K) {
          size_t Len = Longest ? T.size() - K : K;
          if (globMatch(Pattern.Text, StringRef(T).take_front(Len), Unsupported)) {
            Result = T.substr(Len);
            break;
          }
        }
      }
      if (Unsupported)
        return Value::unknown("uses " + Whole.str() + ", a pattern coldstart does not evaluate");
      return Known(Result);
    }
    bool Colon = Op[0] == ':';
    char Kind = Op.back();
    // Whether the variable counts as set for this operator.
    bool Counts = Colon ? NonEmpty : IsSet;
    if (V.K == Var::RunTime)
      Counts = true; // Lambda sets these, and not to an empty string
    if (V.K == Var::Unknown)
      return NotKnown();
    if (Kind == '-' || Kind == '=') {
      if (Counts)
        return V.K == Var::RunTime ? NotKnown() : Known(V.Text);
      Value Default = value(Word);
      if (V.K == Var::Outside && Default.Known)
        Default.Notes.push_back(
            "line " + std::to_string(Line) + ": " + Whole.str() + " taken as its default, '" +
            Default.Text + "': " + Name +
            " is set neither by the script nor by Lambda (the function's configuration could "
            "set it)");
      if (Kind == '=' && Default.Known) {
        Var A = Var::set(Default.Text, true);
        A.Notes = Default.Notes;
        Vars[Name] = A;
      }
      return Default;
    }
    if (Kind == '+') {
      if (Counts)
        return value(Word);
      Value Empty = text("");
      if (V.K == Var::Outside)
        Empty.Notes.push_back("line " + std::to_string(Line) + ": " + Whole.str() +
                              " taken as empty: " + Name +
                              " is set neither by the script nor by Lambda");
      return Empty;
    }
    // '?': the shell stops when the variable is not set.
    if (Counts && V.K != Var::RunTime)
      return Known(V.Text);
    return NotKnown();
  }

  /// $(...): the forms that name the script's folder or the working folder are evaluated; any
  /// other command is not run.
  Value substitute(StringRef Inner) {
    Value NotEvaluated = Value::unknown("runs a command substitution coldstart does not evaluate");
    if (Depth >= MaxSubstitutionDepth)
      return NotEvaluated;
    std::vector<Token> Tokens;
    Lexer L(Inner);
    if (!L.run(Tokens))
      return NotEvaluated;
    ++Depth;
    Value SavedCwd = Cwd;
    Value Out = text("");
    bool Failed = false;
    std::vector<std::string> Args;
    auto RunCommand = [&]() {
      if (Args.empty() || Failed)
        return;
      const std::string &Cmd = Args[0];
      std::vector<std::string> Rest(Args.begin() + 1, Args.end());
      auto Positional = [&](std::vector<std::string> &Ops) {
        std::vector<std::string> P;
        bool EndOfOptions = false;
        for (const std::string &A : Rest) {
          if (!EndOfOptions && A == "--")
            EndOfOptions = true;
          else if (!EndOfOptions && A.size() > 1 && A[0] == '-')
            Ops.push_back(A);
          else
            P.push_back(A);
        }
        return P;
      };
      std::vector<std::string> Options;
      std::vector<std::string> P = Positional(Options);
      if (Cmd == "dirname" && P.size() == 1 && Options.empty()) {
        Out.Text += dirnameOf(P[0]) + "\n";
      } else if (Cmd == "basename" && (P.size() == 1 || P.size() == 2) && Options.empty()) {
        std::string B = basenameOf(P[0]);
        if (P.size() == 2 && B.size() > P[1].size() && StringRef(B).ends_with(P[1]))
          B.resize(B.size() - P[1].size());
        Out.Text += B + "\n";
      } else if (Cmd == "pwd" && P.empty()) {
        if (!Cwd.Known) {
          Out.append(Cwd);
          Failed = true;
          return;
        }
        Out.Text += Cwd.Text + "\n";
        Out.Notes.insert(Out.Notes.end(), Cwd.Notes.begin(), Cwd.Notes.end());
      } else if (Cmd == "cd" && P.size() == 1) {
        Value Dir = text(P[0]);
        Cwd = changeDirectory(Dir);
      } else if ((Cmd == "readlink" || Cmd == "realpath") && P.size() == 1 &&
                 (P[0] == ScriptPath || P[0] == ResolvedScriptPath) &&
                 (Cmd == "realpath" || llvm::any_of(Options, [](const std::string &O) {
                    return StringRef(O).contains_insensitive("f") || StringRef(O).contains('e') ||
                           StringRef(O).contains('m');
                  }))) {
        Out.Text += ResolvedScriptPath + "\n";
      } else if (Cmd == "echo") {
        bool NoNewline = !Rest.empty() && Rest[0] == "-n";
        std::vector<std::string> Words(Rest.begin() + (NoNewline ? 1 : 0), Rest.end());
        Out.Text += llvm::join(Words, " ") + (NoNewline ? "" : "\n");
      } else {
        Failed = true;
      }
    };
    for (const Token &T : Tokens) {
      if (Failed)
        break;
      if (T.Kind == TokKind::Word) {
        Expansion E = expand(T.Text, true);
        if (!E.Known) {
          Out.append(Value::unknown(E.Why));
          Failed = true;
          break;
        }
        Out.Notes.insert(Out.Notes.end(), E.Notes.begin(), E.Notes.end());
        Args.insert(Args.end(), E.Fields.begin(), E.Fields.end());
        continue;
      }
      if (T.Kind == TokKind::Newline || T.Text == ";" || T.Text == "&&") {
        RunCommand();
        Args.clear();
        continue;
      }
      Failed = true; // pipes, ||, redirections, subshells: not evaluated
    }
    RunCommand();
    Cwd = SavedCwd;
    --Depth;
    if (!Out.Known)
      return Out;
    if (Failed)
      return NotEvaluated;
    while (!Out.Text.empty() && Out.Text.back() == '\n')
      Out.Text.pop_back();
    return Out;
  }
};

// --- following the script ----------------------------------------------------------------------

/// A construct the follower is inside of.
struct Frame {
  enum Kind { If, Case, Loop, Brace, Subshell, Function } K = Brace;
  unsigned Line = 0;
  std::string Name;           // a function's name
  bool ExpectPattern = false; // a case waiting for its next pattern
  // A subshell's state, restored when it ends.
  std::map<std::string, Var> SavedVars;
  Value SavedCwd;
};

/// What a function's body does, for the commands that call it.
struct FunctionInfo {
  unsigned Line = 0;
  bool Starts = false;              // it execs or runs a file of the package
  std::vector<std::string> Assigns; // variables it sets
  bool ChangesDirectory = false;
};

/// One simple command as parsed.
struct SimpleCommand {
  std::vector<const Token *> Words;
  unsigned Line = 0;
  size_t Begin = 0, End = 0;
  std::string Separator; // the operator after it ("&&", "|", ";", "&", "\n", "")
};

/// A variable a command's environment sets (`NAME=value cmd`, `env NAME=value cmd`), or unsets
/// (Given empty).
struct EnvEntry {
  std::string Name;
  std::optional<Value> Given;
};

/// A command that may start the function.
struct Candidate {
  ScriptCommand Command;
  bool Starts = false; // runs a file of the package, a layer, or a loader
  std::string Unknown; // why the program is not known ("line 4: ... runs ...")
};

bool isAssignmentWord(StringRef Raw, std::string &Name, StringRef &Value, bool &Append) {
  if (Raw.empty() || !isNameStart(Raw[0]))
    return false;
  size_t K = 1;
  while (K < Raw.size() && isNameChar(Raw[K]))
    ++K;
  Append = K + 1 < Raw.size() && Raw[K] == '+' && Raw[K + 1] == '=';
  if (!Append && (K >= Raw.size() || Raw[K] != '='))
    return false;
  Name = Raw.take_front(K).str();
  Value = Raw.drop_front(K + (Append ? 2 : 1));
  return true;
}

class Follower {
public:
  Follower(StringRef Script, const std::string &ScriptPath, const ScriptEnvironment &Env)
      : Script(Script), Env(Env), Sh(ScriptPath, Env) {}

  ScriptCommand run();

private:
  StringRef Script;
  const ScriptEnvironment &Env;
  Shell Sh;
  std::vector<Token> Tokens;
  std::vector<Frame> Stack;
  std::map<std::string, FunctionInfo> Functions;
  std::optional<std::string> PendingFunction;

  std::optional<Candidate> Best;      // the last unconditional command that starts something
  std::optional<Candidate> LastOther; // the last unconditional command run from the image
  bool LastWasOther = false;          // the last top-level command was LastOther
  std::string Doubt;                  // why an unconditional exec or Best may not be what runs
  std::string ConditionalStart;       // a conditional command after Best that starts a program
  std::vector<std::string> Remarks;   // notes for the result
  std::string Exited;                 // "line N: exit"
  unsigned LastLoop = 0;              // a top-level loop that ends the script (its line)

  /// Why the current command runs only under a condition; empty when it always runs.
  std::string Condition;

  /// The command as written, on one line: continuations and the line breaks of quoted text
  /// joined with a space, cut at MaxShown characters.
  std::string lineText(const SimpleCommand &C) const {
    constexpr size_t MaxShown = 200;
    std::string Out;
    StringRef Raw = Script.slice(C.Begin, C.End);
    for (size_t I = 0; I < Raw.size(); ++I) {
      bool Continuation = Raw[I] == '\\' && I + 1 < Raw.size() && Raw[I + 1] == '\n';
      if (Continuation || Raw[I] == '\n') {
        I += Continuation ? 1 : 0;
        while (I + 1 < Raw.size() && (Raw[I + 1] == ' ' || Raw[I + 1] == '\t'))
          ++I;
        if (!Out.empty() && Out.back() != ' ')
          Out += ' ';
        continue;
      }
      Out += Raw[I];
    }
    Out = StringRef(Out).trim().str();
    if (Out.size() > MaxShown)
      Out = Out.substr(0, MaxShown - 3) + "...";
    return Out;
  }

  std::string at(unsigned Line) const { return "line " + std::to_string(Line) + ": "; }

  /// Why the working folder is not known, as a clause.
  std::string cwdWhy() const { return Sh.Cwd.Why; }

  void enterFrame(Frame F) {
    if (Stack.size() >= MaxFrames) {
      if (Doubt.empty())
        Doubt = at(F.Line) + "the script nests compound commands deeper than " +
                std::to_string(MaxFrames) + " levels, which coldstart does not follow";
      return;
    }
    if (F.K == Frame::Subshell) {
      F.SavedVars = Sh.Vars;
      F.SavedCwd = Sh.Cwd;
    }
    Stack.push_back(std::move(F));
  }

  void leaveFrame() {
    if (Stack.empty())
      return;
    Frame F = std::move(Stack.back());
    Stack.pop_back();
    if (F.K == Frame::Loop && Stack.empty())
      LastLoop = F.Line;
    if (F.K == Frame::Subshell) {
      Sh.Vars = std::move(F.SavedVars);
      Sh.Cwd = std::move(F.SavedCwd);
    }
  }

  /// Why commands inside the open frames run only sometimes; empty when they always run.
  std::string frameCondition() const {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It) {
      std::string Where = " at line " + std::to_string(It->Line);
      switch (It->K) {
      case Frame::If:
        return "the `if`" + Where + " takes that branch";
      case Frame::Case:
        return "the `case`" + Where + " takes that branch";
      case Frame::Loop:
        return "the loop" + Where + " runs its body";
      default:
        break;
      }
    }
    return "";
  }

  bool inFunction() const {
    return llvm::any_of(Stack, [](const Frame &F) { return F.K == Frame::Function; });
  }
  bool inSubshell() const {
    return llvm::any_of(Stack, [](const Frame &F) { return F.K == Frame::Subshell; });
  }

  FunctionInfo *currentFunction() {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (It->K == Frame::Function)
        return &Functions[It->Name];
    return nullptr;
  }

  void assign(const std::string &Name, StringRef Raw, bool Append, unsigned Line) {
    if (FunctionInfo *F = currentFunction()) {
      F->Assigns.push_back(Name);
      return;
    }
    Value V = Sh.value(Raw);
    if (Append) {
      Var Old = Sh.lookup(Name);
      Value Before;
      if (Old.K == Var::Set)
        Before.Text = Old.Text;
      else if (Old.K != Var::Unset)
        Before =
            Value::unknown(Old.K == Var::Unknown ? Old.Why
                                                 : "uses $" + Name +
                                                       ", which neither the script nor Lambda "
                                                       "sets (a variable from outside the script, "
                                                       "such as the function's configuration)");
      Before.Notes = Old.Notes;
      Before.append(V);
      V = Before;
    }
    Var Out;
    Out.FromScript = true;
    if (!Condition.empty()) {
      Out.K = Var::Unknown;
      Out.Why = "uses $" + Name + ", which line " + std::to_string(Line) + " sets only when " +
                Condition + " (coldstart does not evaluate conditions)";
    } else if (V.Known) {
      Out.K = Var::Set;
      Out.Text = V.Text;
      Out.Notes = V.Notes;
    } else {
      Out.K = Var::Unknown;
      // The first variable the unknown value went through is named; later ones add nothing.
      Out.Why = StringRef(V.Why).contains(" (through $")
                    ? V.Why
                    : V.Why + " (through $" + Name + ", set on line " + std::to_string(Line) + ")";
    }
    Sh.Vars[Name] = Out;
  }

  void setUnknown(const std::string &Name, std::string Why) {
    if (FunctionInfo *F = currentFunction()) {
      F->Assigns.push_back(Name);
      return;
    }
    Var V;
    V.K = Var::Unknown;
    V.Why = std::move(Why);
    V.FromScript = true;
    Sh.Vars[Name] = V;
  }

  void changeDirectory(const Value &Dir, unsigned Line, const std::string &Text) {
    if (FunctionInfo *F = currentFunction()) {
      F->ChangesDirectory = true;
      return;
    }
    if (!Condition.empty()) {
      Sh.Cwd = Value::unknown("the working folder is not known after " + at(Line) + Text +
                              ", which runs only when " + Condition +
                              " (coldstart does not evaluate conditions)");
      return;
    }
    Value New = Sh.changeDirectory(Dir);
    if (!New.Known && Dir.Known)
      return; // relative to a folder already unknown: stays so
    if (!New.Known)
      New.Why = "the working folder is not known after " + at(Line) + Text + ", which " + Dir.Why;
    Sh.Cwd = New;
  }

  void makeOpaque(const std::string &Why) {
    if (FunctionInfo *F = currentFunction()) {
      F->Assigns.push_back("*");
      return;
    }
    Sh.Opaque = Why;
    // What the sourced text may change: every variable but Lambda's reserved ones.
    for (auto &[Name, V] : Sh.Vars)
      if (Name != "LAMBDA_TASK_ROOT" && Name != "LAMBDA_RUNTIME_DIR") {
        V.K = Var::Unknown;
        V.Why = "uses $" + Name + ", which " + Why;
      }
  }

  bool evaluate(const SimpleCommand &C, bool Piped);
  void consider(Candidate K, bool Exec);
  Candidate external(const SimpleCommand &C, const std::vector<Expansion> &Args, size_t A,
                     bool Exec, const std::vector<EnvEntry> &EnvSet, bool EnvCleared);
  ScriptCommand finish();
};

ScriptCommand Follower::run() {
  Lexer L(Script);
  if (!L.run(Tokens)) {
    ScriptCommand Out;
    Out.NotFollowed = true;
    Out.Why = L.Error;
    return Out;
  }
  std::string Prev;          // the operator before the current command: "&&", "||", "|"
  bool PrevWasTest = false;  // the command before "&&"/"||" was a test
  bool Negated = false;      // the command is preceded by `!`
  std::string ListCondition; // why the rest of an and-or list runs only sometimes
  size_t P = 0;
  auto SkipUntilWord = [&](StringRef Word) {
    while (P < Tokens.size() && !(Tokens[P].Kind == TokKind::Word && Tokens[P].Text == Word))
      ++P;
    if (P < Tokens.size())
      ++P;
  };
  while (P < Tokens.size()) {
    const Token &T = Tokens[P];
    Sh.Line = T.Line;
    if (T.Kind == TokKind::Newline || (T.Kind == TokKind::Op && (T.Text == ";" || T.Text == "&"))) {
      Prev.clear();
      ListCondition.clear();
      ++P;
      continue;
    }
    if (!Stack.empty() && Stack.back().K == Frame::Case && Stack.back().ExpectPattern) {
      // A case's patterns, up to the ')' that ends them, or its esac.
      if (T.Kind == TokKind::Word && T.Text == "esac") {
        leaveFrame();
        ++P;
        continue;
      }
      while (P < Tokens.size() && !(Tokens[P].Kind == TokKind::Op && Tokens[P].Text == ")"))
        ++P;
      ++P;
      Stack.back().ExpectPattern = false;
      continue;
    }
    if (T.Kind == TokKind::Op &&
        (T.Text == "&&" || T.Text == "||" || T.Text == "|" || T.Text == "|&")) {
      Prev = T.Text;
      ++P;
      continue;
    }
    if (T.Kind == TokKind::Op && (T.Text == ";;" || T.Text == ";&" || T.Text == ";;&")) {
      if (!Stack.empty() && Stack.back().K == Frame::Case)
        Stack.back().ExpectPattern = true;
      ++P;
      continue;
    }
    if (T.Kind == TokKind::Op && T.Text == "(") {
      if (P + 1 < Tokens.size() && Tokens[P + 1].Kind == TokKind::Op && Tokens[P + 1].Text == "(" &&
          Tokens[P + 1].Begin == T.End) {
        // (( arithmetic )): a test.
        while (P + 1 < Tokens.size() && !(Tokens[P].Text == ")" && Tokens[P + 1].Text == ")"))
          ++P;
        P += 2;
        PrevWasTest = true;
        continue;
      }
      Frame F;
      F.K = PendingFunction ? Frame::Function : Frame::Subshell;
      F.Line = T.Line;
      if (PendingFunction)
        F.Name = *PendingFunction;
      PendingFunction.reset();
      enterFrame(std::move(F));
      ++P;
      continue;
    }
    if (T.Kind == TokKind::Op && T.Text == ")") {
      leaveFrame();
      ++P;
      continue;
    }
    if (T.Kind == TokKind::Word) {
      const std::string &W = T.Text;
      if (W == "if" || W == "while" || W == "until") {
        Frame F;
        F.K = W == "if" ? Frame::If : Frame::Loop;
        F.Line = T.Line;
        enterFrame(std::move(F));
        ++P;
        continue;
      }
      if (W == "for" || W == "select") {
        Frame F;
        F.K = Frame::Loop;
        F.Line = T.Line;
        enterFrame(std::move(F));
        SkipUntilWord("do");
        continue;
      }
      if (W == "case") {
        Frame F;
        F.K = Frame::Case;
        F.Line = T.Line;
        enterFrame(std::move(F));
        SkipUntilWord("in");
        Stack.back().ExpectPattern = true;
        continue;
      }
      if (W == "then" || W == "else" || W == "elif" || W == "do") {
        ++P;
        continue;
      }
      if (W == "fi" || W == "done" || W == "esac" || W == "}") {
        leaveFrame();
        ++P;
        continue;
      }
      if (W == "{") {
        Frame F;
        F.K = PendingFunction ? Frame::Function : Frame::Brace;
        F.Line = T.Line;
        if (PendingFunction)
          F.Name = *PendingFunction;
        PendingFunction.reset();
        enterFrame(std::move(F));
        ++P;
        continue;
      }
      if (W == "!") {
        Negated = true;
        ++P;
        continue;
      }
      if (W == "[[") {
        SkipUntilWord("]]");
        PrevWasTest = true;
        continue;
      }
      if (W == "function" && P + 1 < Tokens.size() && Tokens[P + 1].Kind == TokKind::Word) {
        PendingFunction = Tokens[P + 1].Text;
        Functions[*PendingFunction].Line = T.Line;
        P += 2;
        if (P + 1 < Tokens.size() && Tokens[P].Text == "(" && Tokens[P + 1].Text == ")")
          P += 2;
        continue;
      }
      if (P + 2 < Tokens.size() && Tokens[P + 1].Kind == TokKind::Op && Tokens[P + 1].Text == "(" &&
          Tokens[P + 2].Kind == TokKind::Op && Tokens[P + 2].Text == ")") {
        PendingFunction = W;
        Functions[W].Line = T.Line;
        P += 3;
        continue;
      }
    }
    // A simple command: words and redirections up to the next separator.
    SimpleCommand C;
    C.Line = T.Line;
    C.Begin = T.Begin;
    C.End = T.End;
    while (P < Tokens.size()) {
      const Token &U = Tokens[P];
      if (U.Kind == TokKind::Newline)
        break;
      if (U.Kind == TokKind::Op && !isRedirection(U))
        break;
      C.End = U.End;
      if (isRedirection(U)) {
        ++P;
        if (P < Tokens.size() && Tokens[P].Kind == TokKind::Word) {
          C.End = Tokens[P].End;
          ++P;
        }
        continue;
      }
      C.Words.push_back(&U);
      ++P;
    }
    if (P < Tokens.size())
      C.Separator = Tokens[P].Text;
    bool Piped = Prev == "|" || Prev == "|&" || C.Separator == "|" || C.Separator == "|&" ||
                 C.Separator == "&";
    if (ListCondition.empty() && Prev == "||")
      ListCondition = "the command before `||` fails";
    else if (ListCondition.empty() && Prev == "&&" && PrevWasTest)
      ListCondition = "the test before `&&` holds";
    Condition = frameCondition();
    if (Condition.empty())
      Condition = ListCondition;
    bool IsTest = false;
    if (!C.Words.empty()) {
      StringRef First = C.Words.front()->Text;
      IsTest = First == "[" || First == "test" ||
               (First == "command" && C.Words.size() > 1 &&
                (C.Words[1]->Text == "-v" || C.Words[1]->Text == "-V")) ||
               First == "type" || First == "which";
    }
    if (Stack.empty())
      LastLoop = 0; // a command after the loop
    bool Continue = evaluate(C, Piped);
    PrevWasTest = IsTest || Negated;
    Negated = false;
    if (!Continue)
      break;
  }
  return finish();
}

bool Follower::evaluate(const SimpleCommand &C, bool Piped) {
  std::string Text = lineText(C);
  size_t W = 0;
  std::string Name;
  StringRef RawValue;
  bool Append = false;
  while (W < C.Words.size() && isAssignmentWord(C.Words[W]->Text, Name, RawValue, Append))
    ++W;
  bool TopLevel = Condition.empty() && !inFunction() && !Piped && !inSubshell();
  if (W == C.Words.size()) {
    // Assignments alone: they stay in the shell, each seeing the ones before it.
    for (size_t K = 0; K < W; ++K)
      if (isAssignmentWord(C.Words[K]->Text, Name, RawValue, Append))
        assign(Name, RawValue, Append, C.Line);
    if (TopLevel)
      LastWasOther = false;
    return true;
  }
  // `NAME=value cmd`: the program's environment only.
  std::vector<EnvEntry> EnvSet;
  for (size_t K = 0; K < W; ++K)
    if (isAssignmentWord(C.Words[K]->Text, Name, RawValue, Append))
      EnvSet.push_back({Name, Sh.value(RawValue)});
  // Declaration builtins take assignments as words, without field splitting.
  StringRef Head = C.Words[W]->Text;
  if (Head == "export" || Head == "readonly" || Head == "declare" || Head == "typeset" ||
      Head == "local") {
    for (size_t K = W + 1; K < C.Words.size(); ++K)
      if (isAssignmentWord(C.Words[K]->Text, Name, RawValue, Append))
        assign(Name, RawValue, Append, C.Line);
    if (TopLevel)
      LastWasOther = false;
    return true;
  }
  std::vector<Expansion> Args;
  for (size_t K = W; K < C.Words.size(); ++K) {
    Expansion E = Sh.expand(C.Words[K]->Text, true);
    if (E.Known && E.Fields.empty())
      continue; // "$@", an empty variable: no word
    if (!E.Known) {
      Args.push_back(E);
      continue;
    }
    for (std::string &F : E.Fields) {
      Expansion One = E;
      One.Fields = {F};
      Args.push_back(One);
    }
  }
  size_t A = 0;
  bool Exec = false, EnvCleared = false;
  auto Word = [&](size_t K) -> std::string {
    return K < Args.size() && Args[K].Known ? Args[K].Fields[0] : std::string();
  };
  while (A < Args.size() && Args[A].Known) {
    std::string Cmd = Word(A);
    if (Cmd == "exec") {
      Exec = true;
      ++A;
      while (A < Args.size() && StringRef(Word(A)).starts_with("-")) {
        std::string O = Word(A);
        A += O == "-a" ? 2 : 1;
        if (O == "--")
          break;
      }
      if (A >= Args.size()) {
        // Only redirections, or "$@" with no arguments: the shell goes on.
        if (StringRef(Text).contains("$@") || StringRef(Text).contains("$*"))
          Remarks.push_back(at(C.Line) + Text +
                            " runs the script's arguments, and Lambda starts bootstrap with "
                            "none");
        return true;
      }
      continue;
    }
    if (Cmd == "command" && A + 1 < Args.size() && Word(A + 1) != "-v" && Word(A + 1) != "-V") {
      ++A;
      if (Word(A) == "-p")
        ++A;
      continue;
    }
    if (Cmd == "nohup" || Cmd == "time") {
      ++A;
      if (Cmd == "time" && Word(A) == "-p")
        ++A;
      continue;
    }
    if (Cmd == "env") {
      ++A;
      while (A < Args.size() && Args[A].Known) {
        std::string O = Word(A);
        std::string N;
        StringRef V;
        bool Ap = false;
        if (O == "-i" || O == "-" || O == "--ignore-environment") {
          EnvCleared = true;
          EnvSet.clear();
          ++A;
        } else if (O == "-u" && A + 1 < Args.size()) {
          EnvSet.push_back({Word(A + 1), std::nullopt});
          A += 2;
        } else if (O == "--") {
          ++A;
          break;
        } else if (StringRef(O).starts_with("-")) {
          Candidate K;
          K.Command.LineNumber = C.Line;
          K.Command.Line = Text;
          K.Starts = true;
          K.Unknown = at(C.Line) + Text + " passes env the option " + O +
                      ", which coldstart does not follow";
          consider(K, Exec && !Piped);
          return !(Exec && TopLevel);
        } else if (isAssignmentWord(O, N, V, Ap)) {
          Value Given;
          Given.Text = V.str(); // env's words are already expanded
          EnvSet.push_back({N, Given});
          ++A;
        } else {
          break;
        }
      }
      if (A >= Args.size())
        return true; // env alone prints the environment
      continue;
    }
    break;
  }
  if (A >= Args.size())
    return true;
  if (Args[A].Known) {
    std::string Cmd = Word(A);
    std::vector<std::string> Rest;
    for (size_t K = A + 1; K < Args.size(); ++K)
      Rest.push_back(Args[K].Known ? Args[K].Fields[0] : std::string());
    auto Operands = [&]() {
      std::vector<std::string> Out;
      for (const std::string &R : Rest)
        if (!StringRef(R).starts_with("-"))
          Out.push_back(R);
      return Out;
    };
    if (auto F = Functions.find(Cmd); F != Functions.end() && !Exec) {
      const FunctionInfo &Info = F->second;
      std::string Why = "the function " + Cmd + " (line " + std::to_string(Info.Line) +
                        "), which coldstart does not follow";
      if (Info.Starts && Doubt.empty())
        Doubt = at(C.Line) + Text + " calls the shell function " + Cmd + " (line " +
                std::to_string(Info.Line) +
                "), which starts a program; coldstart does not follow functions";
      for (const std::string &V : Info.Assigns) {
        if (V == "*")
          makeOpaque("line " + std::to_string(C.Line) + " may change through " + Why);
        else
          setUnknown(V, "uses $" + V + ", which line " + std::to_string(C.Line) + " sets through " +
                            Why);
      }
      if (Info.ChangesDirectory)
        Sh.Cwd = Value::unknown("the working folder is not known after " + at(C.Line) + Text +
                                ", which changes it through " + Why);
      if (TopLevel)
        LastWasOther = false;
      return true;
    }
    if (Cmd == "cd" || Cmd == "pushd" || Cmd == "popd") {
      std::vector<std::string> Ops = Operands();
      Value Dir;
      if (Cmd == "popd") {
        if (Sh.DirStack.empty()) {
          Dir = Value::unknown("pops a folder that was never pushed");
        } else {
          Dir = Sh.DirStack.back();
          Sh.DirStack.pop_back();
        }
      } else if (A + 1 < Args.size() && !Args.back().Known) {
        Dir = Value::unknown(Args.back().Why);
      } else if (Ops.empty()) {
        Dir = Value::unknown("goes to the home folder, known only at run time");
      } else {
        Dir.Text = Ops[0];
        for (size_t K = A + 1; K < Args.size(); ++K)
          Dir.Notes.insert(Dir.Notes.end(), Args[K].Notes.begin(), Args[K].Notes.end());
      }
      if (Cmd == "pushd")
        Sh.DirStack.push_back(Sh.Cwd);
      changeDirectory(Dir, C.Line, Text);
      if (TopLevel)
        LastWasOther = false;
      return true;
    }
    if (Cmd == "unset") {
      for (const std::string &N : Operands()) {
        if (FunctionInfo *F = currentFunction()) {
          F->Assigns.push_back(N);
          continue;
        }
        Var V;
        V.K = Condition.empty() ? Var::Unset : Var::Unknown;
        V.Why = "uses $" + N + ", which line " + std::to_string(C.Line) + " unsets only when " +
                Condition;
        V.FromScript = true;
        Sh.Vars[N] = V;
      }
      return true;
    }
    if (Cmd == "source" || Cmd == ".") {
      makeOpaque("line " + std::to_string(C.Line) + " may set: " + Text +
                 " runs a file coldstart does not read");
      if (TopLevel)
        LastWasOther = false;
      return true;
    }
    if (Cmd == "eval") {
      if (Doubt.empty())
        Doubt = at(C.Line) + Text + " runs eval, whose text coldstart does not evaluate";
      if (FunctionInfo *F = currentFunction())
        F->Starts = true;
      makeOpaque("line " + std::to_string(C.Line) + " may set through eval");
      return true;
    }
    if (Cmd == "read" || Cmd == "mapfile" || Cmd == "readarray" || Cmd == "getopts") {
      // The names are the operands that are not option arguments; taking every operand may
      // mark an option's argument too, which only makes a name unknown that was not used.
      for (const std::string &N : Operands())
        if (!N.empty() && isNameStart(N[0]) && llvm::all_of(N, isNameChar))
          setUnknown(N, "uses $" + N + ", which line " + std::to_string(C.Line) + " reads (" + Cmd +
                            ") at run time");
      return true;
    }
    if (Cmd == "printf" && Rest.size() > 1 && Rest[0] == "-v") {
      setUnknown(Rest[1], "uses $" + Rest[1] + ", which line " + std::to_string(C.Line) +
                              " sets with printf -v");
      return true;
    }
    if (Cmd == "exit" || Cmd == "return") {
      if (Cmd == "exit" && TopLevel) {
        Exited = at(C.Line) + Text;
        return false;
      }
      return true;
    }
    static const char *const Builtins[] = {
        "set",   "shopt",   "echo",  "printf", "true",     "false",  ":",       "trap",
        "shift", "ulimit",  "umask", "wait",   "test",     "[",      "hash",    "type",
        "alias", "unalias", "let",   "break",  "continue", "times",  "jobs",    "fg",
        "bg",    "disown",  "kill",  "caller", "builtin",  "enable", "command", "which"};
    if (llvm::is_contained(Builtins, Cmd)) {
      if (TopLevel)
        LastWasOther = false;
      return true;
    }
  }
  Candidate K = external(C, Args, A, Exec, EnvSet, EnvCleared);
  if (FunctionInfo *F = currentFunction()) {
    F->Starts = F->Starts || K.Starts || Exec;
    return true;
  }
  consider(K, Exec && !Piped && !inSubshell());
  if (Exec && TopLevel)
    return false; // the shell is replaced: nothing after this line runs
  return true;
}

Candidate Follower::external(const SimpleCommand &C, const std::vector<Expansion> &Args, size_t A,
                             bool Exec, const std::vector<EnvEntry> &EnvSet, bool EnvCleared) {
  Candidate K;
  ScriptCommand &Out = K.Command;
  std::string Text = lineText(C);
  Out.Found = true;
  Out.LineNumber = C.Line;
  Out.Line = Text;
  Out.Exec = Exec;
  auto Fail = [&](const std::string &Why) {
    if (K.Unknown.empty())
      K.Unknown = at(C.Line) + Text + " " + Why;
    K.Starts = true;
  };
  auto Notes = [&](const Expansion &E) {
    for (const std::string &N : E.Notes)
      if (!llvm::is_contained(Out.Notes, N))
        Out.Notes.push_back(N);
  };
  // A path as the program sees it: relative ones are taken from the working folder.
  auto Place = [&](const std::string &P, const char *What) -> std::optional<std::string> {
    if (StringRef(P).starts_with("/"))
      return normalizePath(P);
    if (!Sh.Cwd.Known) {
      Fail("runs the relative path " + P + " (" + What + "), but " + cwdWhy());
      return std::nullopt;
    }
    for (const std::string &N : Sh.Cwd.Notes)
      if (!llvm::is_contained(Out.Notes, N))
        Out.Notes.push_back(N);
    return resolveAgainst(Sh.Cwd.Text, P);
  };
  const Expansion &Program = Args[A];
  if (!Program.Known) {
    Fail(Program.Why);
    return K;
  }
  Notes(Program);
  if (Program.Glob) {
    Fail("runs a glob pattern, " + Program.Fields[0] + ", which coldstart does not expand");
    return K;
  }
  std::string Name = Program.Fields[0];
  // PATH and LD_LIBRARY_PATH as the program gets them.
  auto Environment = [&](const std::string &Var) -> std::optional<Value> {
    for (auto It = EnvSet.rbegin(); It != EnvSet.rend(); ++It)
      if (It->Name == Var)
        return It->Given ? *It->Given : Value();
    if (EnvCleared)
      return Value();
    return std::nullopt;
  };
  if (StringRef(Name).contains('/')) {
    std::optional<std::string> Path = Place(Name, "the program");
    if (!Path)
      return K;
    Out.Program = *Path;
  } else {
    Value PathVar;
    if (std::optional<Value> Given = Environment("PATH")) {
      PathVar = *Given;
    } else {
      Var P = Sh.lookup("PATH");
      PathVar = P.K == Var::Set ? Value{true, P.Text, "", P.Notes}
                                : Value::unknown(P.Why.empty() ? "PATH is not known" : P.Why);
    }
    Out.Program = Name;
    if (PathVar.Known) {
      llvm::SmallVector<StringRef, 8> Dirs;
      StringRef(PathVar.Text).split(Dirs, ':', -1, true);
      for (StringRef D : Dirs) {
        std::string Dir = D.empty() ? "." : D.rtrim('/').str();
        if (!StringRef(Dir).starts_with("/")) {
          if (!Sh.Cwd.Known)
            continue;
          Dir = resolveAgainst(Sh.Cwd.Text, Dir);
        }
        Out.SearchPath.push_back(Dir.empty() ? "/" : Dir);
      }
      // The first folder of PATH that holds the name in the package or a layer; the image's
      // folders before it are the runtime's and are taken not to hold it.
      if (Env.Exists)
        for (const std::string &Dir : Out.SearchPath) {
          std::string Candidate = normalizePath(Dir + "/" + Name);
          if (Env.Exists(Candidate)) {
            Out.Program = Candidate;
            break;
          }
        }
    } else {
      Out.Notes.push_back(at(C.Line) + "PATH, where " + Name +
                          " is looked up, is not known: " + PathVar.Why);
    }
  }
  // LD_LIBRARY_PATH for the program.
  if (std::optional<Value> Given = Environment("LD_LIBRARY_PATH")) {
    if (Given->Known)
      Out.LdLibraryPath = splitLibraryPath(Given->Text, Sh.Cwd.Known ? Sh.Cwd.Text : "");
    else
      Out.Notes.push_back(at(C.Line) + "the LD_LIBRARY_PATH the program gets is not known: it " +
                          Given->Why);
  } else {
    Var L = Sh.lookup("LD_LIBRARY_PATH");
    if (L.K == Var::Set && L.FromScript)
      Out.LdLibraryPath = splitLibraryPath(L.Text, Sh.Cwd.Known ? Sh.Cwd.Text : "");
    else if (L.K == Var::Unset)
      Out.LdLibraryPath = std::vector<std::string>();
    else if (L.K == Var::Unknown)
      Out.Notes.push_back(at(C.Line) + "the LD_LIBRARY_PATH the program gets is not known: it " +
                          L.Why);
    if (L.K == Var::Set && L.FromScript)
      for (const std::string &N : L.Notes)
        if (!llvm::is_contained(Out.Notes, N))
          Out.Notes.push_back(N);
  }
  if (Out.LdLibraryPath && !Sh.Cwd.Known &&
      llvm::any_of(*Out.LdLibraryPath, [](const std::string &D) { return D.empty(); }))
    Out.Notes.push_back(at(C.Line) + "LD_LIBRARY_PATH has relative folders, and " + cwdWhy());
  if (Out.LdLibraryPath)
    llvm::erase_if(*Out.LdLibraryPath, [](const std::string &D) { return D.empty(); });

  size_t Next = A + 1;
  std::string Base = basenameOf(Out.Program);
  if (isDynamicLoaderName(Base)) {
    Out.Loader = true;
    static const char *const WithArgument[] = {
        "--preload",          "--argv0", "--audit", "--inhibit-rpath", "--glibc-hwcaps-prepend",
        "--glibc-hwcaps-mask"};
    for (; Next < Args.size(); ++Next) {
      const Expansion &E = Args[Next];
      std::string Word = E.Known ? E.Fields[0] : std::string();
      if (E.Known && Word == "--library-path" && Next + 1 < Args.size()) {
        const Expansion &Value = Args[++Next];
        if (!Value.Known) {
          Fail(Value.Why);
          return K;
        }
        Notes(Value);
        if (!Sh.Cwd.Known && llvm::any_of(splitLibraryPath(Value.Fields[0], ""),
                                          [](const std::string &D) { return D.empty(); })) {
          Fail("gives the loader a relative --library-path, but " + cwdWhy());
          return K;
        }
        Out.HasLoaderLibraryPath = true;
        Out.LibraryPath = splitLibraryPath(Value.Fields[0], Sh.Cwd.Known ? Sh.Cwd.Text : "");
        continue;
      }
      if (E.Known && llvm::is_contained(WithArgument, Word)) {
        ++Next;
        continue;
      }
      if (E.Known && StringRef(Word).starts_with("--"))
        continue;
      if (!E.Known) {
        Fail(E.Why);
        return K;
      }
      Notes(E);
      if (E.Glob) {
        Fail("runs a glob pattern, " + Word + ", which coldstart does not expand");
        return K;
      }
      if (StringRef(Word).contains('/')) {
        std::optional<std::string> Path = Place(Word, "the program the loader runs");
        if (!Path)
          return K;
        Out.Target = *Path;
      } else {
        Out.Target = Word; // the loader looks a bare name up in its library path
      }
      ++Next;
      break;
    }
  }
  for (; Next < Args.size(); ++Next)
    if (!Args[Next].Known)
      Out.Unexpanded.push_back(Args[Next].Fields[0]);
  bool InPackage = [&] {
    StringRef P(Out.Program);
    return P.starts_with(Env.TaskRoot + "/") || P.starts_with("/opt/");
  }();
  K.Starts = InPackage || (Out.Loader && !Out.Target.empty());
  return K;
}

void Follower::consider(Candidate K, bool Exec) {
  if (!Condition.empty()) {
    std::string Why = at(K.Command.LineNumber) + K.Command.Line + " runs only when " + Condition +
                      ", which coldstart does not evaluate";
    // A conditional exec may replace the shell before the command that would start the
    // function; a conditional command that starts a program of the package may be the one
    // that keeps running, unless an unconditional one comes after it.
    if (Exec && Doubt.empty())
      Doubt = Why;
    else if (K.Starts && ConditionalStart.empty())
      ConditionalStart = Why;
    return;
  }
  if (Exec || K.Starts) {
    Best = std::move(K);
    LastWasOther = false;
    ConditionalStart.clear();
  } else {
    LastOther = std::move(K);
    LastWasOther = true;
  }
}

ScriptCommand Follower::finish() {
  ScriptCommand Out;
  auto NotFollowed = [&](const std::string &Why) {
    Out = ScriptCommand();
    Out.NotFollowed = true;
    Out.Why = Why;
    Out.Notes = Remarks;
    return Out;
  };
  if (!Doubt.empty())
    return NotFollowed(Doubt);
  if (!ConditionalStart.empty())
    return NotFollowed(ConditionalStart);
  std::optional<Candidate> Chosen = Best;
  if (!Chosen && LastWasOther)
    Chosen = LastOther; // the script's last command: what it runs when nothing else is started
  if (!Chosen) {
    Out.Notes = Remarks;
    Out.Why = !Exited.empty() ? "the script exits (" + Exited + ") without starting a program"
              : LastLoop ? "no exec and no command that runs a file of the package or a layer (the "
                           "script itself keeps running, in the loop at line " +
                               std::to_string(LastLoop) + ")"
                         : "no exec and no command that runs a file of the package or a layer";
    return Out;
  }
  if (!Chosen->Unknown.empty())
    return NotFollowed(Chosen->Unknown);
  Out = Chosen->Command;
  Out.Notes.insert(Out.Notes.end(), Remarks.begin(), Remarks.end());
  return Out;
}

} // namespace

std::vector<std::string> splitLibraryPath(const std::string &Value, const std::string &Cwd) {
  std::vector<std::string> Out;
  if (Value.empty())
    return Out; // the loader ignores an empty LD_LIBRARY_PATH
  llvm::SmallVector<StringRef, 8> Parts;
  StringRef(Value).split(Parts, ':', -1, true);
  for (StringRef Part : Parts) {
    llvm::SmallVector<StringRef, 4> Pieces;
    Part.split(Pieces, ';', -1, true);
    for (StringRef Piece : Pieces) {
      if (Piece.starts_with("/"))
        Out.push_back(normalizePath(Piece));
      else if (Cwd.empty())
        Out.push_back(""); // relative, and the working folder is not known
      else
        Out.push_back(resolveAgainst(Cwd, Piece.empty() ? "." : Piece));
    }
  }
  return Out;
}

ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const ScriptEnvironment &Env) {
  return Follower(Script, ScriptPath, Env).run();
}

ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const std::string &TaskRoot) {
  ScriptEnvironment Env;
  Env.TaskRoot = TaskRoot;
  return followBootstrapScript(Script, ScriptPath, Env);
}

} // namespace coldstart::inspect::detail
