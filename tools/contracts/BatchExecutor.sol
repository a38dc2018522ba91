// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Code an EOA delegates to with EIP-7702 so one type-4 transaction runs several calls atomically.
/// Only the account itself may call execute: the transaction is sent by the EOA to its own address.
contract BatchExecutor {
    struct Call {
        address to;
        uint256 value;
        bytes data;
    }

    error CallFailed(uint256 index, bytes reason);

    function execute(Call[] calldata calls) external payable {
        require(msg.sender == address(this), "BatchExecutor: only the account itself");
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory reason) = calls[i].to.call{value: calls[i].value}(calls[i].data);
            if (!ok) revert CallFailed(i, reason);
        }
    }

    receive() external payable {}
}
