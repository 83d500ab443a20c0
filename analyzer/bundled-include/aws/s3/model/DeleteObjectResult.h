// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace S3 {
namespace Model {

class DeleteObjectResult {
public:
  DeleteObjectResult();
  bool GetDeleteMarker() const;
  const Aws::String &GetVersionId() const;
};

} // namespace Model
} // namespace S3
} // namespace Aws
