// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace S3 {
namespace Model {

enum class ObjectCannedACL {
  NOT_SET,
  private_,
  public_read,
  public_read_write,
  authenticated_read,
  aws_exec_read,
  bucket_owner_read,
  bucket_owner_full_control
};

} // namespace Model
} // namespace S3
} // namespace Aws
