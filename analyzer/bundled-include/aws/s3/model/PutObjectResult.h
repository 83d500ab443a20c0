// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/model/ServerSideEncryption.h>

namespace Aws {
namespace S3 {
namespace Model {

class PutObjectResult {
public:
  PutObjectResult();
  const Aws::String &GetETag() const;
  const Aws::String &GetVersionId() const;
  ServerSideEncryption GetServerSideEncryption() const;
};

} // namespace Model
} // namespace S3
} // namespace Aws
