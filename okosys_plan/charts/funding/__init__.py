"""charts/funding"""
