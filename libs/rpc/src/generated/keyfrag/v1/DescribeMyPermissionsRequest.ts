// Original file: keyfrag/v1/gateway.proto


export interface DescribeMyPermissionsRequest {
}

export interface DescribeMyPermissionsRequest__Output {
}
