// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace S3 {
namespace Model {

class Object {
public:
  Object();
  const Aws::String &GetKey() const;
  void SetKey(const Aws::String &value);
  Object &WithKey(const Aws::String &value);
  const Aws::Utils::DateTime &GetLastModified() const;
  void SetLastModified(const Aws::Utils::DateTime &value);
  Object &WithLastModified(const Aws::Utils::DateTime &value);
  const Aws::String &GetETag() const;
  void SetETag(const Aws::String &value);
  Object &WithETag(const Aws::String &value);
  long long GetSize() const;
  void SetSize(long long value);
  Object &WithSize(long long value);
  const Aws::String &GetStorageClass() const;
  void SetStorageClass(const Aws::String &value);
  Object &WithStorageClass(const Aws::String &value);
};

} // namespace Model
} // namespace S3
} // namespace Aws
