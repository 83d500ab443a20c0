// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/S3Request.h>

namespace Aws {
namespace S3 {
namespace Model {

class ListObjectsV2Request : public S3Request {
public:
  ListObjectsV2Request();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetBucket() const;
  void SetBucket(const Aws::String &value);
  ListObjectsV2Request &WithBucket(const Aws::String &value);
  const Aws::String &GetPrefix() const;
  void SetPrefix(const Aws::String &value);
  ListObjectsV2Request &WithPrefix(const Aws::String &value);
  const Aws::String &GetDelimiter() const;
  void SetDelimiter(const Aws::String &value);
  ListObjectsV2Request &WithDelimiter(const Aws::String &value);
  int GetMaxKeys() const;
  void SetMaxKeys(int value);
  ListObjectsV2Request &WithMaxKeys(int value);
  const Aws::String &GetContinuationToken() const;
  void SetContinuationToken(const Aws::String &value);
  ListObjectsV2Request &WithContinuationToken(const Aws::String &value);
  const Aws::String &GetStartAfter() const;
  void SetStartAfter(const Aws::String &value);
  ListObjectsV2Request &WithStartAfter(const Aws::String &value);
  bool GetFetchOwner() const;
  void SetFetchOwner(bool value);
  ListObjectsV2Request &WithFetchOwner(bool value);
  const Aws::String &GetExpectedBucketOwner() const;
  void SetExpectedBucketOwner(const Aws::String &value);
  ListObjectsV2Request &WithExpectedBucketOwner(const Aws::String &value);
};

} // namespace Model
} // namespace S3
} // namespace Aws
