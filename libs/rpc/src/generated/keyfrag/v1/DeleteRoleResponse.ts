// Original file: keyfrag/v1/policy.proto


export interface DeleteRoleResponse {
}

export interface DeleteRoleResponse__Output {
}
