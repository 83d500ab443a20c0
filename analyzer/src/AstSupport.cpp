#include "AstSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace coldstart::analyzer::detail {

using namespace clang;

std::string qualifiedName(const NamedDecl *D) {
  PrintingPolicy Policy(D->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  D->printQualifiedName(OS, Policy);
  return Out;
}

const std::string &Locator::fileName(FileID FID) {
  auto It = Names.find(FID);
  if (It != Names.end())
    return It->second;
  std::string Name;
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID)) {
    llvm::StringRef Real = Entry->getFileEntry().tryGetRealPathName();
    if (!Real.empty()) {
      Name = Real.str();
    } else {
      llvm::SmallString<256> Abs(Entry->getName());
      // Without a current folder to resolve against, the name stays as clang spelled it.
      if (!llvm::sys::fs::make_absolute(Abs))
        llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      Name = std::string(Abs);
    }
  }
  return Names.try_emplace(FID, std::move(Name)).first->second;
}

SourcePoint Locator::point(SourceLocation Loc) {
  SourcePoint P;
  if (Loc.isInvalid())
    return P;
  // A construction written inside a macro is reported where the macro is used.
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  std::pair<FileID, unsigned> Decomposed = SM.getDecomposedLoc(FileLoc);
  P.File = fileName(Decomposed.first);
  P.Line = SM.getLineNumber(Decomposed.first, Decomposed.second);
  P.Column = SM.getColumnNumber(Decomposed.first, Decomposed.second);
  return P;
}

SourcePoint Locator::endOfToken(SourceLocation Loc, const LangOptions &LangOpts) {
  if (Loc.isInvalid())
    return {};
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  return point(Lexer::getLocForEndOfToken(FileLoc, 0, SM, LangOpts));
}

/// Whether FD lives inside a lambda or a function-local class: such entities have no name a
/// second TU could refer to, and their USRs are not guaranteed unique.
static bool isLocalEntity(const FunctionDecl *FD) {
  for (const DeclContext *DC = FD; DC; DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && RD->isLambda())
      return true;
    if (DC != FD && DC->isFunctionOrMethod())
      return true;
  }
  return false;
}

static std::string templateArgs(const FunctionDecl *FD) {
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  PrintingPolicy Policy(FD->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  printTemplateArgumentList(OS, Args->asArray(), Policy);
  return Out;
}

const std::string &FunctionNamer::id(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto It = Ids.find(FD);
  if (It != Ids.end())
    return It->second;
  std::string Id;
  llvm::SmallString<128> Usr;
  if (isLocalEntity(FD) || index::generateUSRForDecl(FD, Usr)) {
    const SourceManager &SM = Loc.sourceManager();
    SourceLocation L = SM.getFileLoc(FD->getLocation());
    std::pair<FileID, unsigned> D = SM.getDecomposedLoc(L);
    Id = "local:" + Loc.fileName(D.first) + "@" + std::to_string(D.second) + ":" +
         FD->getNameAsString() + templateArgs(FD);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (const CXXRecordDecl *Parent = MD->getParent();
          Parent->isLambda() && !FD->getTemplateSpecializationArgs())
        Id +=
            "#" + std::to_string(SM.getDecomposedLoc(SM.getFileLoc(Parent->getLocation())).second);
  } else if (!FD->isExternallyVisible() || FD->isMain()) {
    // USRs of internal-linkage functions carry only the file's base name; two services'
    // main.cpp files would collide in a project-wide join. Every program's main has the same
    // USR, and a project-wide database holds several programs (tests, tools, the function).
    const SourceManager &SM = Loc.sourceManager();
    Id = Loc.fileName(SM.getFileID(SM.getFileLoc(FD->getLocation()))) + "|" + std::string(Usr);
  } else {
    Id = std::string(Usr);
  }
  return Ids.try_emplace(FD, std::move(Id)).first->second;
}

static void appendTypeArgs(llvm::ArrayRef<TemplateArgument> Args, std::vector<std::string> &Out) {
  for (const TemplateArgument &A : Args) {
    if (A.getKind() == TemplateArgument::Type)
      Out.push_back(A.getAsType().getCanonicalType().getAsString());
    else if (A.getKind() == TemplateArgument::Pack)
      appendTypeArgs(A.pack_elements(), Out);
  }
}

static void appendEnclosingTypeArgs(const DeclContext *DC, std::vector<std::string> &Out) {
  for (; DC; DC = DC->getParent())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(DC))
      appendTypeArgs(Spec->getTemplateArgs().asArray(), Out);
}

std::vector<std::string> templateTypeArgs(const FunctionDecl *FD) {
  std::vector<std::string> Out;
  if (const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs())
    appendTypeArgs(Args->asArray(), Out);
  appendEnclosingTypeArgs(FD->getDeclContext(), Out);
  return Out;
}

std::vector<std::string> templateTypeArgs(const CXXRecordDecl *RD) {
  std::vector<std::string> Out;
  appendEnclosingTypeArgs(RD, Out);
  return Out;
}

const std::string &FunctionNamer::classId(const CXXRecordDecl *RD) {
  RD = RD->getCanonicalDecl();
  auto It = ClassIds.find(RD);
  if (It != ClassIds.end())
    return It->second;
  std::string Id;
  llvm::SmallString<128> Usr;
  bool Local = RD->isLambda() || RD->isLocalClass();
  if (Local || index::generateUSRForDecl(RD, Usr)) {
    const SourceManager &SM = Loc.sourceManager();
    std::pair<FileID, unsigned> D = SM.getDecomposedLoc(SM.getFileLoc(RD->getLocation()));
    Id = "local:" + Loc.fileName(D.first) + "@" + std::to_string(D.second) + ":" +
         RD->getNameAsString();
  } else {
    Id = std::string(Usr);
  }
  return ClassIds.try_emplace(RD, std::move(Id)).first->second;
}

std::string FunctionNamer::displayName(const FunctionDecl *FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
    SourcePoint P = Loc.point(MD->getParent()->getLocation());
    return "lambda at " + llvm::sys::path::filename(P.File).str() + ":" + std::to_string(P.Line) +
           ":" + std::to_string(P.Column);
  }
  return qualifiedName(FD) + templateArgs(FD);
}

} // namespace coldstart::analyzer::detail
