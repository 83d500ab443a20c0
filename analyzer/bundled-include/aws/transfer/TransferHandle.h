// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AWSError.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/s3/S3Errors.h>

#include <cstdint>

namespace Aws {
namespace Transfer {

enum class TransferStatus {
  EXACT_OBJECT_ALREADY_EXISTS,
  NOT_STARTED,
  IN_PROGRESS,
  CANCELED,
  FAILED,
  COMPLETED,
  ABORTED
};

enum class TransferDirection { UPLOAD, DOWNLOAD };

// The state of one upload or download that a TransferManager runs.
class TransferHandle {
public:
  void WaitUntilFinished() const;
  TransferStatus GetStatus() const;
  TransferDirection GetTransferDirection() const;
  uint64_t GetBytesTransferred() const;
  uint64_t GetBytesTotalSize() const;
  const Aws::String &GetBucketName() const;
  const Aws::String &GetKey() const;
  const Aws::String &GetTargetFilePath() const;
  const Aws::String &GetVersionId() const;
  const Aws::String &GetContentType() const;
  const Aws::Map<Aws::String, Aws::String> GetMetadata() const;
  const Aws::Client::AWSError<Aws::S3::S3Errors> &GetLastError() const;
  bool IsMultipart() const;
  void Cancel();
  bool ShouldContinue() const;
};

} // namespace Transfer
} // namespace Aws
