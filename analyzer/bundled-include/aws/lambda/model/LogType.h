// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Lambda {
namespace Model {

enum class LogType { NOT_SET, None, Tail };

} // namespace Model
} // namespace Lambda
} // namespace Aws
