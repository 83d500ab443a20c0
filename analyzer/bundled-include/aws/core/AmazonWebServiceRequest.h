// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {

// The base of every operation's request model.
class AmazonWebServiceRequest {
public:
  AmazonWebServiceRequest();
  virtual ~AmazonWebServiceRequest() = default;
  virtual const char *GetServiceRequestName() const = 0;
  virtual Aws::Map<Aws::String, Aws::String> GetHeaders() const;
};

} // namespace Aws
