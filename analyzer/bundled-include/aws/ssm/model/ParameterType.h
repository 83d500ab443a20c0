// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace SSM {
namespace Model {

enum class ParameterType { NOT_SET, String, StringList, SecureString };

} // namespace Model
} // namespace SSM
} // namespace Aws
