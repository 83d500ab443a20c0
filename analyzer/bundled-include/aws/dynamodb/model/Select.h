// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace DynamoDB {
namespace Model {

enum class Select { NOT_SET, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT };

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
