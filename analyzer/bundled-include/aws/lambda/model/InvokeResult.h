// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Lambda {
namespace Model {

class InvokeResult {
public:
  InvokeResult();
  int GetStatusCode() const;
  const Aws::String &GetFunctionError() const;
  const Aws::String &GetLogResult() const;
  Aws::IOStream &GetPayload() const;
  const Aws::String &GetExecutedVersion() const;
  const Aws::String &GetContentType() const;
};

} // namespace Model
} // namespace Lambda
} // namespace Aws
