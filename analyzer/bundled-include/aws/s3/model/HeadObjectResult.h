// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/model/ServerSideEncryption.h>
#include <aws/s3/model/StorageClass.h>

namespace Aws {
namespace S3 {
namespace Model {

class HeadObjectResult {
public:
  HeadObjectResult();
  long long GetContentLength() const;
  const Aws::String &GetContentType() const;
  const Aws::String &GetETag() const;
  const Aws::Utils::DateTime &GetLastModified() const;
  const Aws::String &GetVersionId() const;
  const Aws::Map<Aws::String, Aws::String> &GetMetadata() const;
  ServerSideEncryption GetServerSideEncryption() const;
  StorageClass GetStorageClass() const;
};

} // namespace Model
} // namespace S3
} // namespace Aws
