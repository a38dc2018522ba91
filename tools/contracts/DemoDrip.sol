// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IERC20Balance {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
}

/// A devnet payout whose result depends on a balance that can change before inclusion, like a claim that
/// others drain first: `claim` pays up to `amount` of what it holds, less (or nothing) once it runs low.
contract DemoDrip {
    IERC20Balance public immutable token;

    constructor(IERC20Balance token_) {
        token = token_;
    }

    function claim(uint256 amount) external {
        uint256 held = token.balanceOf(address(this));
        uint256 paid = amount < held ? amount : held;
        if (paid > 0) require(token.transfer(msg.sender, paid), "DemoDrip: transfer failed");
    }
}
