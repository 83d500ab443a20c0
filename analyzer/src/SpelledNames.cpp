#include "SpelledNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace coldstart::analyzer::detail {

using namespace clang;

namespace {

struct Tok {
  tok::TokenKind Kind;
  llvm::StringRef Text; // raw identifiers only
  SourceLocation Loc;
};

bool isIdent(const Tok &T) {
  return T.Kind == tok::raw_identifier;
}
bool is(const Tok &T, tok::TokenKind K) {
  return T.Kind == K;
}
bool isWord(const Tok &T, llvm::StringRef W) {
  return isIdent(T) && T.Text == W;
}

/// Words that can follow a type in a declaration without being its declarator.
bool isKeywordLike(llvm::StringRef W) {
  return W == "const" || W == "volatile" || W == "final" || W == "override" || W == "noexcept" ||
         W == "operator" || W == "return" || W == "co_return" || W == "throw";
}

/// The raw tokens of [Begin, End] in one file.
std::vector<Tok> lexRange(const SourceManager &SM, const LangOptions &LO, SourceLocation Begin,
                          SourceLocation End) {
  std::vector<Tok> Out;
  if (Begin.isInvalid() || End.isInvalid() || Begin.isMacroID() || End.isMacroID())
    return Out;
  FileID File = SM.getFileID(Begin);
  if (File != SM.getFileID(End))
    return Out;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return Out;
  unsigned From = SM.getFileOffset(Begin), To = SM.getFileOffset(End);
  Lexer Lex(SM.getLocForStartOfFile(File), LO, Buffer.begin(), Buffer.begin() + From, Buffer.end());
  Token T;
  while (!Lex.LexFromRawLexer(T) || T.isNot(tok::eof)) {
    if (T.is(tok::eof) || SM.getFileOffset(T.getLocation()) > To)
      break;
    Out.push_back(
        {T.getKind(), T.is(tok::raw_identifier) ? T.getRawIdentifier() : "", T.getLocation()});
  }
  return Out;
}

/// The token after a balanced `<...>` starting at I (which is '<'), or npos.
size_t skipAngles(const std::vector<Tok> &Toks, size_t I) {
  int Depth = 0;
  for (; I < Toks.size(); ++I) {
    if (is(Toks[I], tok::less))
      ++Depth;
    else if (is(Toks[I], tok::greater) && --Depth == 0)
      return I + 1;
    else if (is(Toks[I], tok::greatergreater)) {
      Depth -= 2;
      if (Depth <= 0)
        return Depth == 0 ? I + 1 : std::string::npos;
    } else if (is(Toks[I], tok::semi) || is(Toks[I], tok::l_brace))
      return std::string::npos;
  }
  return std::string::npos;
}

/// Whether the declaration or expression statement holding token I says static or
/// thread_local before it.
bool declaredStatic(const std::vector<Tok> &Toks, size_t I) {
  while (I-- > 0) {
    const Tok &T = Toks[I];
    if (is(T, tok::semi) || is(T, tok::l_brace) || is(T, tok::r_brace))
      return false;
    if (isWord(T, "static") || isWord(T, "thread_local"))
      return true;
  }
  return false;
}

bool inAny(const SourceManager &SM, SourceLocation Loc, llvm::ArrayRef<SourceRange> Ranges) {
  for (const SourceRange &R : Ranges)
    if (SM.isPointWithin(Loc, R.getBegin(), R.getEnd()))
      return true;
  return false;
}

} // namespace

bool resolvesFromTranslationUnit(const ASTContext &Ctx, llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  Name.split(Parts, "::");
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  for (size_t I = 0; I < Parts.size(); ++I) {
    auto Ident = Ctx.Idents.find(Parts[I]);
    // No declaration anywhere has ever been spelled with this identifier.
    if (Ident == Ctx.Idents.end())
      return false;
    DeclContext::lookup_result Found =
        Scope->getPrimaryContext()->lookup(DeclarationName(Ident->getValue()));
    if (Found.empty())
      return false;
    if (I + 1 == Parts.size())
      return true;
    const NamedDecl *D = Found.front()->getUnderlyingDecl();
    if (const auto *Alias = dyn_cast<NamespaceAliasDecl>(D))
      D = Alias->getNamespace();
    if (const auto *Record = dyn_cast<CXXRecordDecl>(D); Record && Record->getDefinition())
      D = Record->getDefinition();
    const auto *Next = dyn_cast<DeclContext>(D);
    if (!Next)
      return true; // a typedef'd or dependent scope: not followed, so not claimed missing
    Scope = Next;
  }
  return true;
}

std::vector<SpelledUse> unresolvedUses(const ASTContext &Ctx, SourceRange Body,
                                       llvm::ArrayRef<SourceRange> Skip) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<SpelledUse> Uses;
  std::vector<Tok> Toks = lexRange(SM, Ctx.getLangOpts(), Body.getBegin(), Body.getEnd());
  for (size_t I = 0; I < Toks.size(); ++I) {
    if (!isIdent(Toks[I]))
      continue;
    // A chain starts here unless this identifier continues one or names a member.
    if (I > 0 && (is(Toks[I - 1], tok::coloncolon) || is(Toks[I - 1], tok::period) ||
                  is(Toks[I - 1], tok::arrow)))
      continue;
    size_t Head = I, Last = I;
    std::string Name = Toks[I].Text.str();
    while (Last + 2 < Toks.size() && is(Toks[Last + 1], tok::coloncolon) &&
           isIdent(Toks[Last + 2])) {
      Last += 2;
      Name += "::" + Toks[Last].Text.str();
    }
    size_t Next = Last + 1;
    I = Last;
    if (inAny(SM, Toks[Last].Loc, Skip))
      continue;
    const Tok *Before = Head > 0 ? &Toks[Head - 1] : nullptr;
    const Tok *After = Next < Toks.size() ? &Toks[Next] : nullptr;
    if (!After)
      continue;

    SpelledUse U;
    U.Name = Name;
    U.Begin = Toks[Head].Loc;
    U.End = Toks[Last].Loc;
    bool Known = false;
    if ((Before && isWord(*Before, "new")) || is(*After, tok::l_brace)) {
      U.What = SpelledUse::Use::Construction; // new T..., T{...}
      Known = true;
    } else if (Before && is(*Before, tok::less) && Head >= 2 && isIdent(Toks[Head - 2]) &&
               (is(*After, tok::greater) || is(*After, tok::comma))) {
      // A template argument: a construction only when the template is an allocation factory
      // (make_shared<T>(...)), which the caller decides from Factory.
      size_t Chain = Head - 2;
      while (Chain >= 2 && is(Toks[Chain - 1], tok::coloncolon) && isIdent(Toks[Chain - 2]))
        Chain -= 2;
      for (size_t K = Chain; K <= Head - 2; K += 2)
        U.Factory += (K == Chain ? "" : "::") + Toks[K].Text.str();
      U.What = SpelledUse::Use::Construction;
      U.Begin = Toks[Chain].Loc;
      Known = true;
    } else if (is(*After, tok::l_paren)) {
      U.What = SpelledUse::Use::Call; // or a temporary of a type: the caller tells them apart
      Known = true;
    } else if (is(*After, tok::less)) {
      size_t AfterArgs = skipAngles(Toks, Next);
      if (AfterArgs != std::string::npos && AfterArgs < Toks.size() &&
          is(Toks[AfterArgs], tok::l_paren)) {
        U.What = SpelledUse::Use::Call;
        Known = true;
      }
    } else if (isIdent(*After) && !isKeywordLike(After->Text) && Next + 1 < Toks.size()) {
      const Tok &Then = Toks[Next + 1];
      if (is(Then, tok::l_paren) || is(Then, tok::l_brace) || is(Then, tok::semi) ||
          is(Then, tok::equal) || is(Then, tok::comma)) {
        U.What = SpelledUse::Use::Construction;
        U.End = After->Loc;
        Known = true;
      }
    }
    if (!Known || Toks[Head].Text == "std" || resolvesFromTranslationUnit(Ctx, Name))
      continue;
    U.Static = declaredStatic(Toks, Head);
    Uses.push_back(std::move(U));
  }
  return Uses;
}

} // namespace coldstart::analyzer::detail
