// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace S3 {
namespace Model {

enum class ServerSideEncryption { NOT_SET, AES256, aws_kms, aws_kms_dsse };

} // namespace Model
} // namespace S3
} // namespace Aws
