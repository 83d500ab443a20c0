// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/ssm/model/Parameter.h>

namespace Aws {
namespace SSM {
namespace Model {

class GetParameterResult {
public:
  GetParameterResult();
  const Parameter &GetParameter() const;
};

} // namespace Model
} // namespace SSM
} // namespace Aws
