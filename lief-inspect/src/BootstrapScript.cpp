#include "BootstrapScript.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cctype>
#include <map>

namespace coldstart::inspect::detail {

using llvm::StringRef;

bool isDynamicLoaderName(const std::string &FileName) {
  StringRef N(FileName);
  return N.starts_with("ld-") && N.contains(".so");
}

namespace {

struct Word {
  std::string Text;
  bool Unexpanded = false;
};

/// The index just past the ')' matching the '(' at Open, skipping quoted text; the end of the
/// line when unbalanced.
size_t matchingParen(StringRef Line, size_t Open) {
  int Depth = 0;
  char Quote = 0;
  for (size_t I = Open; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'') {
      Quote = C;
      continue;
    }
    if (C == '(')
      ++Depth;
    else if (C == ')' && --Depth == 0)
      return I + 1;
  }
  return Line.size();
}

class Expander {
public:
  Expander(const std::string &ScriptPath, const std::string &TaskRoot) {
    std::string Dir = ScriptPath.substr(0, ScriptPath.rfind('/'));
    Vars["LAMBDA_TASK_ROOT"] = TaskRoot;
    Vars["0"] = ScriptPath;
    ScriptDir = Dir.empty() ? "/" : Dir;
  }

  void assign(const std::string &Name, const Word &Value) {
    if (Value.Unexpanded)
      Vars.erase(Name);
    else
      Vars[Name] = Value.Text;
  }

  /// Splits one logical line into words with quotes removed and known variables expanded.
  std::vector<Word> split(StringRef Line) {
    std::vector<Word> Out;
    Word W;
    bool InWord = false;
    size_t I = 0;
    auto Flush = [&] {
      if (InWord)
        Out.push_back(W);
      W = Word();
      InWord = false;
    };
    while (I < Line.size()) {
      char C = Line[I];
      if (C == '#' && !InWord)
        break; // comment
      if (C == ' ' || C == '\t') {
        Flush();
        ++I;
        continue;
      }
      if (C == ';' || C == '&' || C == '|') {
        Flush();
        break; // only the first command of a list is followed
      }
      InWord = true;
      if (C == '\'') {
        size_t End = Line.find('\'', I + 1);
        if (End == StringRef::npos)
          End = Line.size();
        W.Text += Line.slice(I + 1, End).str();
        I = End + 1;
        continue;
      }
      if (C == '"') {
        size_t End = I + 1;
        std::string Inner;
        while (End < Line.size() && Line[End] != '"') {
          if (Line[End] == '$' && End + 1 < Line.size() && Line[End + 1] == '(') {
            // A command substitution keeps its own quotes: copy it whole.
            size_t Close = matchingParen(Line, End + 1);
            Inner += Line.slice(End, Close).str();
            End = Close;
            continue;
          }
          if (Line[End] == '\\' && End + 1 < Line.size())
            ++End;
          Inner += Line[End++];
        }
        W.Text += expandAll(Inner, W.Unexpanded);
        I = End + 1;
        continue;
      }
      if (C == '\\' && I + 1 < Line.size()) {
        W.Text += Line[I + 1];
        I += 2;
        continue;
      }
      if (C == '$') {
        size_t Used = 0;
        W.Text += expandOne(Line.drop_front(I), Used, W.Unexpanded);
        I += Used;
        continue;
      }
      W.Text += C;
      ++I;
    }
    Flush();
    return Out;
  }

private:
  std::map<std::string, std::string> Vars;
  std::string ScriptDir;

  std::string expandAll(const std::string &S, bool &Unexpanded) {
    std::string Out;
    StringRef R(S);
    while (!R.empty()) {
      if (R[0] == '$') {
        size_t Used = 0;
        Out += expandOne(R, Used, Unexpanded);
        R = R.drop_front(Used);
      } else {
        Out += R[0];
        R = R.drop_front(1);
      }
    }
    return Out;
  }

  /// Expands the $-form at the start of S; Used is how many characters it took.
  std::string expandOne(StringRef S, size_t &Used, bool &Unexpanded) {
    // $(dirname "$0"), $(dirname $0), $(cd "$(dirname "$0")" && pwd) and ${0%/*}: the script's
    // folder.
    for (StringRef Form :
         {"$(dirname \"$0\")", "$(dirname $0)", "$(dirname \"${0}\")", "$(dirname ${0})", "${0%/*}",
          "$(cd \"$(dirname \"$0\")\" && pwd)", "$(cd $(dirname $0) && pwd)"})
      if (S.starts_with(Form)) {
        Used = Form.size();
        return ScriptDir;
      }
    std::string Name;
    if (S.starts_with("${")) {
      size_t End = S.find('}');
      if (End == StringRef::npos) {
        Used = S.size();
        Unexpanded = true;
        return S.str();
      }
      Name = S.slice(2, End).str();
      Used = End + 1;
    } else {
      size_t End = 1;
      while (End < S.size() && (std::isalnum(static_cast<unsigned char>(S[End])) || S[End] == '_'))
        ++End;
      if (End == 1) {
        Used = 1;
        if (S.size() > 1 && S[1] == '(')
          Unexpanded = true;
        return "$";
      }
      Name = S.slice(1, End).str();
      Used = End;
    }
    auto It = Vars.find(Name);
    if (It != Vars.end())
      return It->second;
    Unexpanded = true;
    return S.take_front(Used).str();
  }
};

bool isAssignment(const std::string &W, std::string &Name, std::string &Value) {
  size_t Eq = W.find('=');
  if (Eq == std::string::npos || Eq == 0)
    return false;
  for (size_t I = 0; I < Eq; ++I)
    if (!(std::isalnum(static_cast<unsigned char>(W[I])) || W[I] == '_'))
      return false;
  Name = W.substr(0, Eq);
  Value = W.substr(Eq + 1);
  return true;
}

bool underRoots(const std::string &P, const std::string &TaskRoot) {
  StringRef S(P);
  return S.starts_with(TaskRoot + "/") || S.starts_with("/opt/");
}

} // namespace

ScriptCommand followBootstrapScript(const std::string &Script, const std::string &ScriptPath,
                                    const std::string &TaskRoot) {
  ScriptCommand Best;
  Expander X(ScriptPath, TaskRoot);
  // Logical lines: backslash-newline joins.
  std::vector<std::string> Lines;
  std::string Cur;
  StringRef Rest(Script);
  while (!Rest.empty()) {
    auto [L, R] = Rest.split('\n');
    Rest = R;
    std::string Line = L.rtrim("\r").str();
    if (!Line.empty() && Line.back() == '\\') {
      Cur += Line.substr(0, Line.size() - 1) + " ";
      continue;
    }
    Lines.push_back(Cur + Line);
    Cur.clear();
  }
  if (!Cur.empty())
    Lines.push_back(Cur);

  for (const std::string &Line : Lines) {
    StringRef T = StringRef(Line).trim();
    if (T.empty() || T.starts_with("#"))
      continue;
    std::vector<Word> Words = X.split(T);
    size_t I = 0;
    // `export A=b C=d`, `set -e`, plain assignments: remember constants, run nothing.
    if (!Words.empty() && (Words[0].Text == "export" || Words[0].Text == "readonly" ||
                           Words[0].Text == "declare" || Words[0].Text == "local")) {
      for (size_t J = 1; J < Words.size(); ++J) {
        std::string N, V;
        if (isAssignment(Words[J].Text, N, V))
          X.assign(N, {V, Words[J].Unexpanded});
      }
      continue;
    }
    bool Exec = false;
    while (I < Words.size()) {
      std::string N, V;
      if (Words[I].Text == "exec") {
        Exec = true;
        ++I;
        continue;
      }
      if (isAssignment(Words[I].Text, N, V)) {
        if (I + 1 == Words.size() && !Exec)
          X.assign(N, {V, Words[I].Unexpanded});
        ++I;
        continue;
      }
      break;
    }
    if (I >= Words.size())
      continue;
    static const char *Builtins[] = {"set",  "cd",   "echo", "if",    "then",  "fi",
                                     "else", "true", "trap", "shift", "unset", "ulimit"};
    bool Builtin = false;
    for (const char *B : Builtins)
      if (Words[I].Text == B)
        Builtin = true;
    if (Builtin)
      continue;

    ScriptCommand C;
    C.Found = true;
    C.Line = T.str();
    C.Exec = Exec;
    C.Program = Words[I].Text;
    if (!C.Program.empty() && C.Program[0] != '/' && C.Program.find('/') != std::string::npos) {
      // ./bin/app: relative to the working folder, which Lambda sets to the task root.
      StringRef P(C.Program);
      P.consume_front("./");
      C.Program = TaskRoot + "/" + P.str();
    }
    for (size_t J = I; J < Words.size(); ++J)
      if (Words[J].Unexpanded)
        C.Unexpanded.push_back(Words[J].Text);
    std::string Base = C.Program.substr(C.Program.rfind('/') + 1);
    if (isDynamicLoaderName(Base)) {
      C.Loader = true;
      for (size_t J = I + 1; J < Words.size(); ++J) {
        const std::string &A = Words[J].Text;
        if (A == "--library-path" && J + 1 < Words.size()) {
          StringRef Paths(Words[++J].Text);
          llvm::SmallVector<StringRef, 8> Parts;
          Paths.split(Parts, ':', -1, false);
          for (StringRef P : Parts)
            C.LibraryPath.push_back(P.str());
          continue;
        }
        if ((A == "--preload" || A == "--argv0" || A == "--audit" || A == "--inhibit-rpath") &&
            J + 1 < Words.size()) {
          ++J;
          continue;
        }
        if (StringRef(A).starts_with("--"))
          continue;
        C.Target = A;
        break;
      }
    }
    bool Relevant = underRoots(C.Program, TaskRoot) || (C.Loader && !C.Target.empty());
    if (Exec) {
      return C;
    }
    if (Relevant)
      Best = C;
  }
  if (!Best.Found)
    Best.Why = "no `exec` line and no command that runs a file of the package";
  return Best;
}

} // namespace coldstart::inspect::detail
