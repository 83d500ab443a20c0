// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>
#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {

// A request whose payload is a stream (S3 PutObject, Lambda Invoke).
class AmazonStreamingWebServiceRequest : public AmazonWebServiceRequest {
public:
  AmazonStreamingWebServiceRequest();
  ~AmazonStreamingWebServiceRequest() override;
  const std::shared_ptr<Aws::IOStream> &GetBody() const;
  void SetBody(const std::shared_ptr<Aws::IOStream> &body);
  const Aws::String &GetContentType() const;
  void SetContentType(const Aws::String &contentType);
};

} // namespace Aws
