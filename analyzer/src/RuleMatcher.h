// The rule set's source lists applied to declarations: which records and functions are
// resources, handler registrations, allocation factories and once-only calls. Results are
// cached per declaration, since the same types and callees recur across a TU.
#pragma once

#include "coldstart/rules/RuleSet.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>
#include <vector>

namespace coldstart::analyzer::detail {

/// A listed resource a declaration matched, and the listed name it matched as (the record
/// itself or one of its bases).
struct ResourceMatch {
  const rules::ResourceKind *Kind = nullptr;
  std::string MatchedAs;
  explicit operator bool() const { return Kind != nullptr; }
};

class RuleMatcher {
public:
  explicit RuleMatcher(const rules::SourceConfig &Config) : Config(Config) {}

  /// The resource kind whose types list Record or one of its bases; else, for a class that owns
  /// operating-system threads (ownsThreads), the kind named "thread-pool".
  const ResourceMatch &forRecord(const clang::CXXRecordDecl *Record);
  /// The resource kind whose calls list Callee.
  const ResourceMatch &forCall(const clang::FunctionDecl *Callee);
  /// Whether constructing Record with a file name opens a file for reading.
  bool isReadFileType(const clang::CXXRecordDecl *Record);
  /// Whether an object of type Record passed to a listed resource's constructor means the
  /// resource is borrowed from it (a connection pool), not opened.
  bool isLeaseSource(const clang::CXXRecordDecl *Record);

  bool isHandlerRegistration(const clang::FunctionDecl *FD) { return role(FD).Registration; }
  bool isHandlerFunction(const clang::FunctionDecl *FD) { return role(FD).Handler; }
  /// Whether FD's type is one of the rule set's handler signatures.
  bool hasHandlerSignature(const clang::FunctionDecl *FD);
  bool isAllocationFactory(const clang::FunctionDecl *FD) { return role(FD).Factory; }
  bool isOnceCall(const clang::FunctionDecl *FD) { return role(FD).Once; }

  const rules::SourceConfig &config() const { return Config; }

private:
  struct FunctionRole {
    bool Registration = false, Handler = false, Factory = false, Once = false;
  };

  const FunctionRole &role(const clang::FunctionDecl *FD);
  /// The record's own qualified name followed by those of all its bases.
  std::vector<std::string> hierarchyNames(const clang::CXXRecordDecl *Record);

  const rules::SourceConfig &Config;
  llvm::DenseMap<const clang::Decl *, ResourceMatch> Records;
  llvm::DenseMap<const clang::Decl *, ResourceMatch> Calls;
  llvm::DenseMap<const clang::Decl *, bool> ReadFileTypes;
  llvm::DenseMap<const clang::Decl *, bool> LeaseSources;
  llvm::DenseMap<const clang::Decl *, FunctionRole> Roles;
  llvm::DenseMap<const clang::Decl *, bool> Signatures;
  std::optional<std::vector<rules::HandlerSignature>> ParsedSignatures;
};

/// Whether Record owns operating-system threads whatever it is called: a field of its own or of
/// a base holds a std::thread or std::jthread by value, directly, in an array or in a
/// standard-library container, smart pointer or optional (std::vector<std::thread>), or a base
/// is one. Standard-library types and lambda closures are not thread owners of this kind.
bool ownsThreads(const clang::CXXRecordDecl *Record);

/// Whether Name matches any of Patterns.
bool matchesAny(const std::vector<rules::NamePattern> &Patterns, const std::string &Name);

} // namespace coldstart::analyzer::detail
