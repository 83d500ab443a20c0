// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Kinesis {
namespace Model {

enum class EncryptionType { NOT_SET, NONE, KMS };

} // namespace Model
} // namespace Kinesis
} // namespace Aws
