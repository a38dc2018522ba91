// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IERC20Like {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function transfer(address to, uint256 value) external returns (bool);
}

/// A devnet target for "arbitrary contract call" actions: deposit pulls tokens, withdraw can revert.
/// It is also the devnet's example of a contract that is not an ERC-20.
contract DemoVault {
    IERC20Like public immutable token;
    mapping(address => uint256) public deposits;
    uint256 public pings;

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    constructor(IERC20Like token_) {
        token = token_;
    }

    function deposit(uint256 amount) external {
        require(amount > 0, "DemoVault: amount is zero");
        require(token.transferFrom(msg.sender, address(this), amount), "DemoVault: transfer failed");
        deposits[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
    }

    function withdraw(uint256 amount) external {
        require(deposits[msg.sender] >= amount, "DemoVault: insufficient deposit");
        deposits[msg.sender] -= amount;
        require(token.transfer(msg.sender, amount), "DemoVault: transfer failed");
        emit Withdrawn(msg.sender, amount);
    }

    function ping() external {
        pings += 1;
    }
}
