import { describe, expect, it } from "vitest";
import { EMPTY_PAYLOAD_HASH, amzDate, signS3Request } from "./s3-sign";

// The worked example from Amazon's S3 documentation ("Signature Calculations for the Authorization
// Header: GET Object"), with its published signature.
const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
};

describe("signS3Request", () => {
  it("matches AWS's published GET Object example", () => {
    const headers = signS3Request(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: { range: "bytes=0-9" },
        payloadHash: EMPTY_PAYLOAD_HASH,
        now: new Date("2013-05-24T00:00:00Z"),
      },
      credentials,
    );
    expect(headers.Authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  it("formats the request time as AWS wants it", () => {
    expect(amzDate(new Date("2024-02-29T13:05:09.123Z"))).toBe("20240229T130509Z");
  });
});
