// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/ClientConfiguration.h>

namespace Aws {
namespace Client {

// The configuration type of most service clients (<Service>ClientConfiguration).
struct GenericClientConfiguration : public ClientConfiguration {
  GenericClientConfiguration(const ClientConfigurationInitValues &configuration = {});
  GenericClientConfiguration(const char *profileName, bool shouldDisableIMDS = false);
  explicit GenericClientConfiguration(bool useSmartDefaults, const char *defaultMode = "legacy",
                                      bool shouldDisableIMDS = false);
  GenericClientConfiguration(const ClientConfiguration &config);
};

} // namespace Client
} // namespace Aws
