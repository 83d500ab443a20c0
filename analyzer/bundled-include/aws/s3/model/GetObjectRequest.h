// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonStreamingWebServiceRequest.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace S3 {
namespace Model {

class GetObjectRequest : public Aws::AmazonStreamingWebServiceRequest {
public:
  GetObjectRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetBucket() const;
  void SetBucket(const Aws::String &value);
  GetObjectRequest &WithBucket(const Aws::String &value);
  const Aws::String &GetKey() const;
  void SetKey(const Aws::String &value);
  GetObjectRequest &WithKey(const Aws::String &value);
  const Aws::String &GetRange() const;
  void SetRange(const Aws::String &value);
  GetObjectRequest &WithRange(const Aws::String &value);
  const Aws::String &GetVersionId() const;
  void SetVersionId(const Aws::String &value);
  GetObjectRequest &WithVersionId(const Aws::String &value);
  const Aws::String &GetIfMatch() const;
  void SetIfMatch(const Aws::String &value);
  GetObjectRequest &WithIfMatch(const Aws::String &value);
  const Aws::String &GetIfNoneMatch() const;
  void SetIfNoneMatch(const Aws::String &value);
  GetObjectRequest &WithIfNoneMatch(const Aws::String &value);
  const Aws::String &GetExpectedBucketOwner() const;
  void SetExpectedBucketOwner(const Aws::String &value);
  GetObjectRequest &WithExpectedBucketOwner(const Aws::String &value);
};

} // namespace Model
} // namespace S3
} // namespace Aws
