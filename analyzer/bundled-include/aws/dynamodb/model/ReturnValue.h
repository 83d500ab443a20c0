// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace DynamoDB {
namespace Model {

enum class ReturnValue { NOT_SET, NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW };

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
