// Every rule id coldstart reports, as constants: the one place code names a rule. What a rule
// is (its pass, category, severity, texts) lives in the rule set (rules/default.yaml); code
// that emits a finding names the id here and takes everything else from the rule set.
#pragma once

#include <array>
#include <string_view>

namespace coldstart::rules::ids {

// Source pass: work built per invocation.
inline constexpr std::string_view ClientInHandler = "coldstart-client-in-handler";
inline constexpr std::string_view ConnectionInHandler = "coldstart-connection-in-handler";
inline constexpr std::string_view SdkInitInHandler = "coldstart-sdk-init-in-handler";
inline constexpr std::string_view HeavyObjectInHandler = "coldstart-heavy-object-in-handler";
inline constexpr std::string_view DownloadInHandler = "coldstart-download-in-handler";

// Artifact pass: what the package costs at cold start.
inline constexpr std::string_view PackageSize = "coldstart-package-size";
inline constexpr std::string_view UnresolvedLibrary = "coldstart-unresolved-library";
inline constexpr std::string_view GlibcTooNew = "coldstart-glibc-too-new";
inline constexpr std::string_view ArchMismatch = "coldstart-arch-mismatch";
inline constexpr std::string_view StaticInitializers = "coldstart-static-initializers";
inline constexpr std::string_view HeavyDependency = "coldstart-heavy-dependency";
inline constexpr std::string_view UnstrippedBinary = "coldstart-unstripped-binary";
inline constexpr std::string_view ExecutableStack = "coldstart-executable-stack";
inline constexpr std::string_view MissingBootstrap = "coldstart-missing-bootstrap";
inline constexpr std::string_view UnsafeArchive = "coldstart-unsafe-archive";
inline constexpr std::string_view ColdStartBudget = "coldstart-cold-start-budget";
inline constexpr std::string_view UnknownRuntimeLibrary = "coldstart-unknown-runtime-library";

/// Every id, in the rule set's order. A rule set may not introduce others: a rule needs code
/// that emits it.
inline constexpr std::array<std::string_view, 17> All = {
    ClientInHandler,       ConnectionInHandler, SdkInitInHandler,  HeavyObjectInHandler,
    DownloadInHandler,     PackageSize,         UnresolvedLibrary, GlibcTooNew,
    ArchMismatch,          StaticInitializers,  HeavyDependency,   UnstrippedBinary,
    ExecutableStack,       MissingBootstrap,    UnsafeArchive,     ColdStartBudget,
    UnknownRuntimeLibrary,
};

} // namespace coldstart::rules::ids
