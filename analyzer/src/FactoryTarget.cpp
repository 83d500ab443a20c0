#include "FactoryTarget.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace coldstart::analyzer::detail {

using namespace clang;

namespace {

/// libstdc++'s make_shared reaches the placement new of T through about nine nested calls
/// (allocate_shared, __shared_count, _Sp_counted_ptr_inplace, allocator_traits::construct,
/// construct_at); this leaves room for an SDK wrapper on top.
constexpr unsigned MaxDepth = 14;

class ConstructionSearch : public RecursiveASTVisitor<ConstructionSearch> {
public:
  explicit ConstructionSearch(const CXXRecordDecl *Record) : Record(Record->getCanonicalDecl()) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitLambdaBody() const { return false; }

  void search(const FunctionDecl *FD, unsigned Depth) {
    const FunctionDecl *Def = nullptr;
    if (Found || Depth > MaxDepth || !FD->hasBody(Def) || !Def || !Visited.insert(Def).second)
      return;
    TraverseStmt(Def->getBody());
    // The callees are searched after the whole body, so a construction in the body itself wins.
    std::vector<const FunctionDecl *> Next;
    Next.swap(Callees);
    for (const FunctionDecl *Callee : Next)
      search(Callee, Depth + 1);
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (!Found && Ctor->getParent()->getCanonicalDecl() == Record &&
        !Ctor->isCopyOrMoveConstructor()) {
      Found = Ctor;
      return false;
    }
    // Only templates forward constructor arguments; a concrete helper does not build T.
    if (Ctor->isTemplateInstantiation() || Ctor->getParent()->getTemplateInstantiationPattern())
      Callees.push_back(Ctor);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->isTemplateInstantiation() ||
          (isa<CXXMethodDecl>(Callee) &&
           cast<CXXMethodDecl>(Callee)->getParent()->getTemplateInstantiationPattern()))
        Callees.push_back(Callee);
    return true;
  }

  const CXXConstructorDecl *Found = nullptr;

private:
  const CXXRecordDecl *Record;
  llvm::SmallPtrSet<const FunctionDecl *, 16> Visited;
  std::vector<const FunctionDecl *> Callees;
};

} // namespace

std::vector<const CXXConstructorDecl *> constructorsRunBy(const FunctionDecl *Factory,
                                                          const CXXRecordDecl *Record) {
  ConstructionSearch Search(Record);
  Search.search(Factory, 0);
  if (Search.Found)
    return {Search.Found};
  std::vector<const CXXConstructorDecl *> All;
  if (const CXXRecordDecl *Def = Record->getDefinition())
    for (const CXXConstructorDecl *Ctor : Def->ctors())
      if (!Ctor->isCopyOrMoveConstructor() && Ctor->hasBody())
        All.push_back(Ctor);
  return All;
}

} // namespace coldstart::analyzer::detail
