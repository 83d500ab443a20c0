// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Region {

// The names of the regions, for ClientConfiguration::region.
constexpr char AWS_GLOBAL[] = "aws-global";
constexpr char US_EAST_1[] = "us-east-1";
constexpr char US_EAST_2[] = "us-east-2";
constexpr char US_WEST_1[] = "us-west-1";
constexpr char US_WEST_2[] = "us-west-2";
constexpr char AF_SOUTH_1[] = "af-south-1";
constexpr char AP_EAST_1[] = "ap-east-1";
constexpr char AP_SOUTH_1[] = "ap-south-1";
constexpr char AP_NORTHEAST_1[] = "ap-northeast-1";
constexpr char AP_NORTHEAST_2[] = "ap-northeast-2";
constexpr char AP_NORTHEAST_3[] = "ap-northeast-3";
constexpr char AP_SOUTHEAST_1[] = "ap-southeast-1";
constexpr char AP_SOUTHEAST_2[] = "ap-southeast-2";
constexpr char CA_CENTRAL_1[] = "ca-central-1";
constexpr char CN_NORTH_1[] = "cn-north-1";
constexpr char CN_NORTHWEST_1[] = "cn-northwest-1";
constexpr char EU_CENTRAL_1[] = "eu-central-1";
constexpr char EU_NORTH_1[] = "eu-north-1";
constexpr char EU_SOUTH_1[] = "eu-south-1";
constexpr char EU_WEST_1[] = "eu-west-1";
constexpr char EU_WEST_2[] = "eu-west-2";
constexpr char EU_WEST_3[] = "eu-west-3";
constexpr char ME_SOUTH_1[] = "me-south-1";
constexpr char SA_EAST_1[] = "sa-east-1";
constexpr char US_GOV_WEST_1[] = "us-gov-west-1";
constexpr char US_GOV_EAST_1[] = "us-gov-east-1";

} // namespace Region
} // namespace Aws
