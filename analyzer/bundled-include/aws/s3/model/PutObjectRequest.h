// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonStreamingWebServiceRequest.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/model/ObjectCannedACL.h>
#include <aws/s3/model/ServerSideEncryption.h>
#include <aws/s3/model/StorageClass.h>

namespace Aws {
namespace S3 {
namespace Model {

class PutObjectRequest : public Aws::AmazonStreamingWebServiceRequest {
public:
  PutObjectRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetBucket() const;
  void SetBucket(const Aws::String &value);
  PutObjectRequest &WithBucket(const Aws::String &value);
  const Aws::String &GetKey() const;
  void SetKey(const Aws::String &value);
  PutObjectRequest &WithKey(const Aws::String &value);
  long long GetContentLength() const;
  void SetContentLength(long long value);
  PutObjectRequest &WithContentLength(long long value);
  const Aws::String &GetContentMD5() const;
  void SetContentMD5(const Aws::String &value);
  PutObjectRequest &WithContentMD5(const Aws::String &value);
  const Aws::String &GetCacheControl() const;
  void SetCacheControl(const Aws::String &value);
  PutObjectRequest &WithCacheControl(const Aws::String &value);
  const Aws::String &GetContentEncoding() const;
  void SetContentEncoding(const Aws::String &value);
  PutObjectRequest &WithContentEncoding(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetMetadata() const;
  void SetMetadata(const Aws::Map<Aws::String, Aws::String> &value);
  PutObjectRequest &WithMetadata(const Aws::Map<Aws::String, Aws::String> &value);
  PutObjectRequest &AddMetadata(const Aws::String &key, const Aws::String &value);
  ServerSideEncryption GetServerSideEncryption() const;
  void SetServerSideEncryption(ServerSideEncryption value);
  PutObjectRequest &WithServerSideEncryption(ServerSideEncryption value);
  const Aws::String &GetSSEKMSKeyId() const;
  void SetSSEKMSKeyId(const Aws::String &value);
  PutObjectRequest &WithSSEKMSKeyId(const Aws::String &value);
  StorageClass GetStorageClass() const;
  void SetStorageClass(StorageClass value);
  PutObjectRequest &WithStorageClass(StorageClass value);
  ObjectCannedACL GetACL() const;
  void SetACL(ObjectCannedACL value);
  PutObjectRequest &WithACL(ObjectCannedACL value);
  const Aws::String &GetTagging() const;
  void SetTagging(const Aws::String &value);
  PutObjectRequest &WithTagging(const Aws::String &value);
  const Aws::String &GetExpectedBucketOwner() const;
  void SetExpectedBucketOwner(const Aws::String &value);
  PutObjectRequest &WithExpectedBucketOwner(const Aws::String &value);
};

} // namespace Model
} // namespace S3
} // namespace Aws
