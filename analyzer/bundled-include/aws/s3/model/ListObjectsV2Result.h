// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/s3/model/CommonPrefix.h>
#include <aws/s3/model/Object.h>

namespace Aws {
namespace S3 {
namespace Model {

class ListObjectsV2Result {
public:
  ListObjectsV2Result();
  const Aws::Vector<Object> &GetContents() const;
  const Aws::Vector<CommonPrefix> &GetCommonPrefixes() const;
  bool GetIsTruncated() const;
  int GetKeyCount() const;
  int GetMaxKeys() const;
  const Aws::String &GetName() const;
  const Aws::String &GetPrefix() const;
  const Aws::String &GetDelimiter() const;
  const Aws::String &GetContinuationToken() const;
  const Aws::String &GetNextContinuationToken() const;
  const Aws::String &GetStartAfter() const;
};

} // namespace Model
} // namespace S3
} // namespace Aws
