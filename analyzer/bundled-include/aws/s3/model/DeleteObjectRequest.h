// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/S3Request.h>

namespace Aws {
namespace S3 {
namespace Model {

class DeleteObjectRequest : public S3Request {
public:
  DeleteObjectRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetBucket() const;
  void SetBucket(const Aws::String &value);
  DeleteObjectRequest &WithBucket(const Aws::String &value);
  const Aws::String &GetKey() const;
  void SetKey(const Aws::String &value);
  DeleteObjectRequest &WithKey(const Aws::String &value);
  const Aws::String &GetVersionId() const;
  void SetVersionId(const Aws::String &value);
  DeleteObjectRequest &WithVersionId(const Aws::String &value);
  const Aws::String &GetExpectedBucketOwner() const;
  void SetExpectedBucketOwner(const Aws::String &value);
  DeleteObjectRequest &WithExpectedBucketOwner(const Aws::String &value);
};

} // namespace Model
} // namespace S3
} // namespace Aws
