// Naming and locating AST entities the way summaries need them: stable ids across TUs, readable
// names for messages, and file positions with canonical file names.
#pragma once

#include "coldstart/analyzer/Summary.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace coldstart::analyzer::detail {

/// Qualified name without template arguments or inline namespaces ("std::basic_regex",
/// "Aws::S3::S3Client"), the form rule-set patterns are written in.
std::string qualifiedName(const clang::NamedDecl *D);

/// Turns SourceLocations into SourcePoints. File names are made absolute and canonical once
/// per file, so a header reached through different include paths has one name in every TU.
class Locator {
public:
  explicit Locator(const clang::SourceManager &SM) : SM(SM) {}

  SourcePoint point(clang::SourceLocation Loc);
  /// The end of the token that starts at Loc.
  SourcePoint endOfToken(clang::SourceLocation Loc, const clang::LangOptions &LangOpts);
  const std::string &fileName(clang::FileID FID);
  const clang::SourceManager &sourceManager() const { return SM; }

private:
  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::string> Names;
};

/// The type template arguments of FD and of the class template specializations it is a member
/// of, as canonical type spellings (the same in every TU); empty for a function that is no
/// template instantiation.
std::vector<std::string> templateTypeArgs(const clang::FunctionDecl *FD);
std::vector<std::string> templateTypeArgs(const clang::CXXRecordDecl *RD);

/// Ids and display names of functions (and ids of classes), cached per declaration.
class FunctionNamer {
public:
  explicit FunctionNamer(Locator &Loc) : Loc(Loc) {}

  /// The USR, which is the same in every TU for an entity with linkage; lambdas and members of
  /// local classes get "<file>@<offset>" based ids (plus template arguments) instead.
  const std::string &id(const clang::FunctionDecl *FD);
  /// "handler", "Storage::Storage", "makeClient<Aws::S3::S3Client>", "lambda at main.cpp:9:24".
  std::string displayName(const clang::FunctionDecl *FD);
  /// A class's id, made as a function's is (the USR; file and offset for local classes).
  const std::string &classId(const clang::CXXRecordDecl *RD);

private:
  Locator &Loc;
  llvm::DenseMap<const clang::FunctionDecl *, std::string> Ids;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::string> ClassIds;
};

} // namespace coldstart::analyzer::detail
